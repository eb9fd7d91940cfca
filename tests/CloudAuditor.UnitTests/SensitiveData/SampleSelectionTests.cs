using CloudAuditor.Core.Engine;
using CloudAuditor.SensitiveData.Sampling;

namespace CloudAuditor.UnitTests.SensitiveData;

public class SampleSelectionTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Rare_prefixes_and_types_are_sampled_alongside_the_bulk()
    {
        var listed = Enumerable.Range(0, 1000).Select(i => new StoredObject($"logs/app-{i:0000}.log", 100, Now.AddMinutes(-i)))
            .Append(new StoredObject("exports/customers.csv", 100, Now.AddDays(-30)))
            .Append(new StoredObject("exports/customers.xlsx", 100, Now.AddDays(-30)))
            .Append(new StoredObject("backup.zip", 100, Now.AddDays(-90)));

        var chosen = SampleSelection.Choose(listed, 6).Select(o => o.Key).ToList();

        Assert.Equal(6, chosen.Count);
        Assert.Contains("exports/customers.csv", chosen);
        Assert.Contains("exports/customers.xlsx", chosen);
        Assert.Contains("backup.zip", chosen);
        Assert.Equal(["logs/app-0000.log", "logs/app-0001.log", "logs/app-0002.log"], chosen.Where(k => k.StartsWith("logs/", StringComparison.Ordinal)));
    }

    [Fact]
    public void Half_the_sample_is_the_newest_objects_and_the_rest_is_spread_over_folders()
    {
        var newestDay = Enumerable.Range(0, 50).Select(i => new StoredObject($"2026/11/22/part-{i:00}.json", 100, Now.AddMinutes(-i)));
        var olderDays = Enumerable.Range(1, 20).SelectMany(d => Enumerable.Range(0, 3)
            .Select(i => new StoredObject($"2025/{d:00}/01/part-{i}.json", 100, Now.AddDays(-300 - d))));

        var chosen = SampleSelection.Choose(newestDay.Concat(olderDays), 20);

        Assert.Equal(10, chosen.Count(o => o.Key.StartsWith("2026/11/22/", StringComparison.Ordinal)));
        Assert.Equal(10, chosen.Where(o => o.Key.StartsWith("2025/", StringComparison.Ordinal)).Select(o => o.Key[..8]).Distinct().Count());
    }

    [Fact]
    public void An_incremental_sample_reads_what_changed_and_only_a_share_of_the_rest()
    {
        var since = Now.AddDays(-1);
        var old = Enumerable.Range(0, 100).Select(i => new StoredObject($"old/{i:000}.json", 10, since.AddHours(-i)));
        var fresh = Enumerable.Range(0, 3).Select(i => new StoredObject($"new/{i}.json", 10, since.AddHours(i + 1)));
        var unknownAge = new StoredObject("no-date.txt", 10, null);

        var (changed, rechecks, unchanged) = SampleSelection.ChooseChanged(old.Concat(fresh).Append(unknownAge), 20, since, recheckShare: 0.1);

        Assert.Equal(["new/0.json", "new/1.json", "new/2.json", "no-date.txt"], changed.Select(o => o.Key).Order(StringComparer.Ordinal));
        Assert.Equal(2, rechecks.Count);
        Assert.All(rechecks, o => Assert.StartsWith("old/", o.Key, StringComparison.Ordinal));
        Assert.Equal(98, unchanged);

        var (none, onlyRechecks, _) = SampleSelection.ChooseChanged(old, 20, since, recheckShare: 0);
        Assert.Empty(none);
        Assert.Empty(onlyRechecks);
    }

    [Fact]
    public void Empty_objects_and_media_are_not_sampled()
    {
        var chosen = SampleSelection.Choose(
            [new("empty.txt", 0, Now), new("photo.JPG", 5000, Now), new("movie.mp4", 5000, Now), new("notes.txt", 10, Now)], 10);
        Assert.Equal("notes.txt", Assert.Single(chosen).Key);
    }

    [Fact]
    public void Fewer_objects_than_asked_are_all_taken() =>
        Assert.Equal(2, SampleSelection.Choose([new("a.txt", 1, Now), new("b/c.txt", 1, Now)], 20).Count);
}
