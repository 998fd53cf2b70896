namespace Trading.Tests.Infrastructure;

/// <summary>Finds the repository root (the folder holding orleans.sln) from the test binary's folder.</summary>
public static class RepositoryRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "orleans.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException($"orleans.sln not found above {AppContext.BaseDirectory}");
    }
}
