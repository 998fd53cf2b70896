using Trading.Runtime.Messaging;

namespace Trading.Runtime.Grains;

/// <summary>Every grain type known to this process, by name and by interface.</summary>
public sealed class GrainTypeRegistry
{
    private readonly Dictionary<string, GrainTypeDescriptor> _byName = new(StringComparer.Ordinal);
    private readonly Dictionary<Type, GrainTypeDescriptor> _byInterface = new();

    public IReadOnlyCollection<GrainTypeDescriptor> All => _byName.Values;

    /// <summary>Types this process hosts (implementation registered).</summary>
    public IEnumerable<GrainTypeDescriptor> Hostable => _byName.Values.Where(d => d.Hostable);

    /// <summary>
    /// Adds a type. A client-only registration (no implementation) and a full one of the same name and
    /// interface merge into the full one, so a process may hold both (an embedded silo serving the gateway).
    /// </summary>
    public GrainTypeRegistry Add(GrainTypeDescriptor descriptor)
    {
        descriptor.Messages.Register<TimerTick>("$timer");
        if (_byName.TryGetValue(descriptor.Name, out var known) && known.InterfaceType == descriptor.InterfaceType
            && known.InputTopic == descriptor.InputTopic && (known.Hostable != descriptor.Hostable || !known.Hostable))
        {
            if (descriptor.Hostable)
            {
                _byName[descriptor.Name] = descriptor;
                _byInterface[descriptor.InterfaceType] = descriptor;
            }
            return this;
        }
        if (_byName.ContainsKey(descriptor.Name)) throw new InvalidOperationException($"Grain type '{descriptor.Name}' is registered twice.");
        if (_byInterface.ContainsKey(descriptor.InterfaceType)) throw new InvalidOperationException($"Grain interface {descriptor.InterfaceType.Name} is registered twice.");
        _byName.Add(descriptor.Name, descriptor);
        _byInterface.Add(descriptor.InterfaceType, descriptor);
        return this;
    }

    public GrainTypeDescriptor ForInterface(Type grainInterface) =>
        _byInterface.TryGetValue(grainInterface, out var d) ? d : throw new InvalidOperationException($"No grain type implements {grainInterface.Name}.");

    public GrainTypeDescriptor ForName(string name) =>
        _byName.TryGetValue(name, out var d) ? d : throw new InvalidOperationException($"Unknown grain type '{name}'.");
}
