using Aktivitetsplikt.Domain.Audit;
using Aktivitetsplikt.Web.Infrastructure;
using Aktivitetsplikt.Web.Pipeline;
using Microsoft.Extensions.Logging.Abstractions;

namespace Aktivitetsplikt.Web.Tests.Pipeline;

/// <summary>
/// The anchor file is read once and its anchors given again while its length and last write are unchanged (every view of the audit
/// page asks): an anchor appended by this instance or another, and a line changed in place, must be in the next read.
/// </summary>
public sealed class AuditAnchorFileTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("anchors-").FullName;
    private readonly string _path;
    private readonly AuditAnchorFile _anchors;

    public AuditAnchorFileTests()
    {
        _path = Path.Combine(_folder, "anchors.log");
        var keys = new AuditKeyRing(new AuditKey("k1", new byte[32]), []);
        _anchors = new AuditAnchorFile(new AuditChainSettings(keys, _path, TimeSpan.FromMinutes(15)), NullLogger<AuditAnchorFile>.Instance);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static string Hash(char c) => new(c, 64);

    [Fact]
    public async Task AnAnchorAppendedByThisInstanceOrAnother_IsInTheNextRead()
    {
        (await _anchors.ReadAllAsync(CancellationToken.None)).Should().BeEmpty("there is no file yet");
        (await _anchors.AppendAsync(10, Hash('a'), "k1", new DateTime(2026, 12, 2, 8, 0, 0, DateTimeKind.Utc), CancellationToken.None)).Should().BeTrue();
        (await _anchors.ReadAllAsync(CancellationToken.None)).Select(a => a.Sequence).Should().Equal(10);

        await File.AppendAllTextAsync(_path, $"20 {Hash('b')} k1 2026-12-02T08:15:00Z\n");

        (await _anchors.ReadAllAsync(CancellationToken.None)).Select(a => (a.Sequence, a.Hash)).Should().Equal((10, Hash('a')), (20, Hash('b')));
    }

    [Fact]
    public async Task ALineChangedInPlace_ToTheSameLength_IsInTheNextRead()
    {
        await File.WriteAllTextAsync(_path, $"10 {Hash('a')} k1 2026-12-02T08:00:00Z\n");
        (await _anchors.ReadAllAsync(CancellationToken.None)).Single().Hash.Should().Be(Hash('a'));
        var before = File.GetLastWriteTimeUtc(_path);

        await File.WriteAllTextAsync(_path, $"10 {Hash('c')} k1 2026-12-02T08:00:00Z\n");
        // A file system whose clock is coarser than the two writes would give them the same time: set it apart, as any later write is.
        if (File.GetLastWriteTimeUtc(_path) == before) File.SetLastWriteTimeUtc(_path, before.AddSeconds(1));

        (await _anchors.ReadAllAsync(CancellationToken.None)).Single().Hash.Should().Be(Hash('c'));
    }
}
