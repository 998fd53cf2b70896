using Trading.Grains.Matching;

namespace Trading.Tests.Matching;

public class OrderIdMapTests
{
    [Fact]
    public void Random_adds_and_removes_agree_with_a_dictionary()
    {
        var map = new OrderIdMap(4);
        var reference = new Dictionary<long, int>();
        var state = 12345UL;
        for (var i = 0; i < 200_000; i++)
        {
            state = state * 6364136223846793005UL + 1442695040888963407UL;
            var key = (long)(state >> 40) % 5000 + 1;
            if (reference.ContainsKey(key))
            {
                Assert.True(map.Remove(key));
                reference.Remove(key);
            }
            else
            {
                map.Add(key, i);
                reference[key] = i;
            }
            if (i % 1000 == 0)
                foreach (var (k, v) in reference) Assert.Equal(v, map.Find(k));
        }
        Assert.Equal(reference.Count, map.Count);
        for (long k = 1; k <= 5000; k++) Assert.Equal(reference.TryGetValue(k, out var v) ? v : -1, map.Find(k));
        Assert.False(map.Remove(99_999));
    }
}
