using Trading.Runtime.Messaging;

namespace Trading.Runtime.Grains;

/// <summary>
/// A registered grain type: its name, the interface clients address it by, its input topic
/// (partitioned by key), how to create an instance, and the message types it accepts.
/// </summary>
public sealed class GrainTypeDescriptor
{
    public required string Name { get; init; }
    public required Type InterfaceType { get; init; }
    public required Type GrainClass { get; init; }
    public required string InputTopic { get; init; }
    public required Func<IServiceProvider, Grain> Factory { get; init; }
    public required MessageTypeRegistry Messages { get; init; }

    /// <summary>Consumer group of the silos hosting this type.</summary>
    public string GroupId(string clusterId) => $"{clusterId}.grains.{Name}";
}
