namespace Trading.Runtime.Snapshots;

/// <summary>A full part's grain keys with their next offsets, stored beside it: an incremental snapshot needs only this of its base.</summary>
public static class SnapshotPartIndex
{
    public static byte[] Encode(IReadOnlyList<KeyValuePair<string, long>> entries)
    {
        using var stream = new MemoryStream(entries.Count * 24 + 4);
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(entries.Count);
            foreach (var e in entries)
            {
                writer.Write(e.Key);
                writer.Write(e.Value);
            }
        }
        return stream.ToArray();
    }

    /// <exception cref="FormatException">Not an index.</exception>
    public static IReadOnlyDictionary<string, long> Decode(byte[] bytes)
    {
        try
        {
            using var reader = new BinaryReader(new MemoryStream(bytes, writable: false), System.Text.Encoding.UTF8);
            var count = reader.ReadInt32();
            if (count < 0) throw new FormatException("Negative index size.");
            var index = new Dictionary<string, long>(count, StringComparer.Ordinal);
            for (var i = 0; i < count; i++) index[reader.ReadString()] = reader.ReadInt64();
            return index;
        }
        catch (EndOfStreamException e)
        {
            throw new FormatException("Snapshot part index truncated.", e);
        }
    }
}
