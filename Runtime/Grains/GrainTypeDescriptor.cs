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
    /// <summary>The implementation; null for a type this process only calls (a gateway knows interfaces only).</summary>
    public Type? GrainClass { get; init; }
    public required string InputTopic { get; init; }
    /// <summary>Creates an activation; null for a client-only registration.</summary>
    public Func<IServiceProvider, Grain>? Factory { get; init; }

    /// <summary>True when this process can host the type (its implementation is registered).</summary>
    public bool Hostable => Factory is not null;
    public required MessageTypeRegistry Messages { get; init; }

    /// <summary>Consumer group of the silos hosting this type.</summary>
    public string GroupId(string clusterId) => $"{clusterId}.grains.{Name}";
}
