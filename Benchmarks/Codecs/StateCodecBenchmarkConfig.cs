using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Trading.Benchmarks.Codecs;

/// <summary>Adds the <c>Stored</c> column to <see cref="StateCodecBenchmarks"/>: the bytes a case writes to a checkpoint.</summary>
public sealed class StateCodecBenchmarkConfig : ManualConfig
{
    public StateCodecBenchmarkConfig() => AddColumn(new StoredColumn());

    private sealed class StoredColumn : IColumn
    {
        public string Id => nameof(StoredColumn);
        public string ColumnName => "Stored";
        public bool AlwaysShow => true;
        public ColumnCategory Category => ColumnCategory.Custom;
        public int PriorityInCategory => 0;
        public bool IsNumeric => true;
        public UnitType UnitType => UnitType.Size;
        public string Legend => "Bytes of the state as stored in the checkpoint";

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
        {
            var p = benchmarkCase.Parameters;
            var bytes = StateCodecBenchmarks.StoredBytes((string)p["State"], (string)p["Format"], (bool)p["Deflate"]);
            return bytes.ToString("N0", System.Globalization.CultureInfo.InvariantCulture);
        }

        public bool IsAvailable(Summary summary) => true;
        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
    }
}
