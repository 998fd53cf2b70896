namespace Trading.Runtime.Grains;

/// <summary>Marker of a grain interface. As in Orleans, interfaces live apart from the grain classes.</summary>
public interface IGrain;

/// <summary>A grain addressed by a string key (e.g. a symbol).</summary>
public interface IGrainWithStringKey : IGrain;

/// <summary>A grain addressed by an integer key (e.g. a user id); the key travels as its decimal string.</summary>
public interface IGrainWithIntegerKey : IGrain;
