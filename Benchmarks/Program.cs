using Trading.Benchmarks.OrderBookBenchmarks;

namespace Trading.Benchmarks;

public static class Program
{
    public static int Main(string[] args)
    {
        switch (args.Length == 0 ? "" : args[0])
        {
            case "book":
                return BookThroughput.Run(args);
            case "bdn-book":
                BenchmarkDotNet.Running.BenchmarkRunner.Run<OrderBookBenchmarks.OrderBookBenchmarks>(args: args[1..]);
                return 0;
            default:
                Console.Error.WriteLine("usage: dotnet run -c Release --project Benchmarks -- <suite>   suites: book, bdn-book");
                return 1;
        }
    }
}
