using Trading.Runtime.Messaging;

namespace Trading.Runtime.Grains;

/// <summary>Every grain type known to this process, by name and by interface.</summary>
public sealed class GrainTypeRegistry
{
    private readonly Dictionary<string, GrainTypeDescriptor> _byName = new(StringComparer.Ordinal);
    private readonly Dictionary<Type, GrainTypeDescriptor> _byInterface = new();

    public IReadOnlyCollection<GrainTypeDescriptor> All => _byName.Values;

    public GrainTypeRegistry Add(GrainTypeDescriptor descriptor)
    {
        if (_byName.ContainsKey(descriptor.Name)) throw new InvalidOperationException($"Grain type '{descriptor.Name}' is registered twice.");
        if (_byInterface.ContainsKey(descriptor.InterfaceType)) throw new InvalidOperationException($"Grain interface {descriptor.InterfaceType.Name} is registered twice.");
        descriptor.Messages.Register<TimerTick>("$timer");
        _byName.Add(descriptor.Name, descriptor);
        _byInterface.Add(descriptor.InterfaceType, descriptor);
        return this;
    }

    public GrainTypeDescriptor ForInterface(Type grainInterface) =>
        _byInterface.TryGetValue(grainInterface, out var d) ? d : throw new InvalidOperationException($"No grain type implements {grainInterface.Name}.");

    public GrainTypeDescriptor ForName(string name) =>
        _byName.TryGetValue(name, out var d) ? d : throw new InvalidOperationException($"Unknown grain type '{name}'.");
}
