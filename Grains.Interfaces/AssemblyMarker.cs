namespace Trading.Grains.Interfaces; internal static class AssemblyMarker { }
