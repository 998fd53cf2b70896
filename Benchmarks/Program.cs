namespace Trading.Benchmarks;

public static class Program
{
    public static int Main(string[] args)
    {
        Console.Error.WriteLine("usage: dotnet run -c Release --project Benchmarks -- <suite>");
        return args.Length == 0 ? 1 : 0;
    }
}
