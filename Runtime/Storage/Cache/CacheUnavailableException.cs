namespace Trading.Runtime.Storage.Cache;

/// <summary>The cache could not be reached or refused a write; nothing of the batch can be assumed written.</summary>
public sealed class CacheUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
