using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Aktivitetsplikt.Domain.Audit;
using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Domain.Organisation;
using Aktivitetsplikt.Web.Data;
using Aktivitetsplikt.Web.Features.Cases;
using Aktivitetsplikt.Web.Features.Demo;
using Aktivitetsplikt.Web.Infrastructure;
using Aktivitetsplikt.Web.Pipeline;
using MediatR;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

/// <summary>
/// The benchmark's data set (issue 12): the demo's school owner, its cases made through the real commands (every state,
/// plans, measures, notifications, audit entries), 18 more schools, and then <c>cases</c> cases in all made by a verified
/// fast path: each new case is a copy of one of the demo's cases (every row of its graph: case, timeline entries, flags,
/// deadlines, plan versions and measures, notifications, the concern's one-time key) with fresh ids, another school's
/// users and pupils, its own case number and its times moved back; its audit entries are the template case's entries
/// rewritten for the copy and chained and keyed exactly as <see cref="AuditLog"/> writes them, plus "ViewCase" reads up to
/// <c>entries</c> in all. Checked at the end: the app's <see cref="AuditChainVerifier"/> walks the whole chain, SQLite's
/// foreign-key check is empty, copies answer the real case query with the same shape as their templates, and real
/// commands (a comment, a new concern) run on copies through the pipeline.
/// </summary>
internal static partial class BenchSeed
{
    /// <summary>Tables holding a case's own rows, copied with it. The outbox (e-mails to send) and public receipts are not.</summary>
    private static readonly string[] CaseTables = ["Cases", "CaseEntries", "CaseFlags", "Deadlines", "PlanVersions", "PlanMeasures", "Notifications", "ConcernSubmissions"];

    public sealed record Seeded(string DatabasePath, string AuditKeyBase64, long AuditEntries, int Cases, double Seconds,
        double VerifySeconds, long VerifyHeapGrowthMiB, long VerifyAllocatedMiB, string[] Checks);

    public static async Task<Seeded> SeedAsync(string directory, int caseTarget, long entryTarget)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, "aktivitetsplikt.db");
        foreach (var file in new[] { path, path + "-wal", path + "-shm", Path.Combine(directory, "anchors.log") })
            if (File.Exists(file)) File.Delete(file);
        var secret = System.Security.Cryptography.RandomNumberGenerator.GetBytes(32);
        var key = new AuditKey("bench", secret);
        var chain = new AuditChainSettings(new AuditKeyRing(key, []), null, TimeSpan.FromMinutes(15));
        await using var services = new ServiceCollection()
            .AddLogging(b => b.SetMinimumLevel(LogLevel.Warning))
            .AddAktivitetsplikt(DatabaseSetup.ConnectionString(path), chain)
            .BuildServiceProvider();
        var total = Stopwatch.StartNew();
        using (var scope = services.CreateScope())
            await DatabaseSetup.MigrateAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>());

        Console.WriteLine("Seeding the demo's organisation and cases through the real commands...");
        await DemoData.SeedIfEmptyAsync(services);
        var org = await AddSchoolsAsync(services);
        Console.WriteLine($"  the demo and 18 more schools after {total.Elapsed.TotalSeconds:F0} s");

        Console.WriteLine($"Copying the demo's cases to {caseTarget:N0} cases with {entryTarget:N0} audit entries...");
        var made = await CopyCasesAsync(path, org, caseTarget, entryTarget, key);
        var seedSeconds = total.Elapsed.TotalSeconds;
        Console.WriteLine($"Seeded in {seedSeconds:F0} s.");

        var checks = new List<string>();
        // The full walk, timed: the figure issue 12 asks for (2M entries under 10 s, streaming).
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var heapBefore = GC.GetTotalMemory(true);
        var allocatedBefore = GC.GetTotalAllocatedBytes();
        var peakHeap = heapBefore;
        var sw = Stopwatch.StartNew();
        ChainVerification verification;
        using (var sampler = new Timer(_ => { var h = GC.GetTotalMemory(false); if (h > Interlocked.Read(ref peakHeap)) Interlocked.Exchange(ref peakHeap, h); }, null, 0, 50))
        using (var scope = services.CreateScope())
            verification = await scope.ServiceProvider.GetRequiredService<AuditChainVerifier>().VerifyAsync(CancellationToken.None);
        var verifySeconds = sw.Elapsed.TotalSeconds;
        var allocated = (GC.GetTotalAllocatedBytes() - allocatedBefore) / 1024 / 1024;
        if (!verification.IsIntact) throw new InvalidOperationException("The seeded chain does not verify: " + verification.Problem);
        checks.Add($"AuditChainVerifier: {verification.EntriesChecked:N0} entries intact");

        await using (var connection = new SqliteConnection(DatabaseSetup.ConnectionString(path)))
        {
            await connection.OpenAsync();
            await using var fk = connection.CreateCommand();
            fk.CommandText = "PRAGMA foreign_key_check";
            await using var reader = await fk.ExecuteReaderAsync();
            if (await reader.ReadAsync()) throw new InvalidOperationException($"A copied row breaks a foreign key in {reader.GetString(0)}.");
            checks.Add("PRAGMA foreign_key_check: no violation");
        }

        checks.AddRange(await CheckCopiesAsync(services, org, made));
        foreach (var check in checks) Console.WriteLine("  check: " + check);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        return new Seeded(path, Convert.ToBase64String(secret), verification.EntriesChecked, made.Count + org.TemplateCases.Count, seedSeconds,
            verifySeconds, Math.Max(0, peakHeap - heapBefore) / 1024 / 1024, allocated, [.. checks]);
    }

    internal sealed record SchoolUsers(Guid SchoolId, Guid Principal, Guid[] Staff, Guid[] Pupils, string PrincipalName);

    internal sealed record Organisation(List<SchoolUsers> Schools, List<(Guid Id, int School, CaseState State)> TemplateCases, Guid TeamUser);

    internal sealed record Copy(Guid Id, Guid TemplateId, int School);

    private static async Task<Organisation> AddSchoolsAsync(IServiceProvider services)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var owner = await db.SchoolOwners.SingleAsync();
        var demoSchools = await db.Schools.OrderBy(s => s.Name).ToListAsync(); // "Nordvik skole", "Sjøkanten ungdomsskole"
        var demoUsers = await db.Users.ToListAsync();
        var hash = demoUsers.Single(u => u.UserName == "kari.laerer").PasswordHash!;
        var schools = new List<SchoolUsers>();
        for (var s = 0; s < 20; s++)
        {
            School school;
            UserAccount principal;
            List<UserAccount> staff;
            if (s < demoSchools.Count)
            {
                school = demoSchools[s];
                principal = demoUsers.Single(u => u.SchoolId == school.Id && u.Role == Role.Principal);
                staff = [.. demoUsers.Where(u => u.SchoolId == school.Id && u.Role == Role.Staff).OrderBy(u => u.UserName)];
            }
            else
            {
                school = new School(owner.Id, $"Lastby skole {s + 1}");
                db.Schools.Add(school);
                principal = new UserAccount($"rektor{s + 1}", $"Rektor {s + 1}", Role.Principal, owner.Id, school.Id);
                staff = [new UserAccount($"laerer{s + 1}a", $"Lærer {s + 1}A", Role.Staff, owner.Id, school.Id),
                    new UserAccount($"laerer{s + 1}b", $"Lærer {s + 1}B", Role.Staff, owner.Id, school.Id)];
                foreach (var user in staff.Append(principal))
                {
                    // The same PBKDF2 hash of the demo password: hashing sixty times would only cost seeding time.
                    user.SetPasswordHash(hash);
                    db.Users.Add(user);
                }
            }
            var pupils = Enumerable.Range(1, 250).Select(i => new Pupil(school.Id, $"Elev{i}", $"Skole{s + 1}", $"{5 + i % 6}{(char)('A' + i % 3)}")).ToList();
            db.Pupils.AddRange(pupils);
            schools.Add(new SchoolUsers(school.Id, principal.Id, [.. staff.Select(u => u.Id)], [.. pupils.Select(p => p.Id)], principal.DisplayName));
        }
        await db.SaveChangesAsync();
        var templates = await db.Cases.AsNoTracking().Select(c => new { c.Id, c.SchoolId, c.State }).ToListAsync();
        var team = demoUsers.Single(u => u.Role == Role.SchoolOwnerTeam).Id;
        return new Organisation(schools, [.. templates.Select(t => (t.Id, schools.FindIndex(s => s.SchoolId == t.SchoolId), t.State))], team);
    }

    private sealed record Row(string Table, Dictionary<string, object?> Values);

    private static async Task<List<Copy>> CopyCasesAsync(string path, Organisation org, int caseTarget, long entryTarget, AuditKey key)
    {
        await using var connection = new SqliteConnection(DatabaseSetup.ConnectionString(path));
        await connection.OpenAsync();
        await Exec(connection, "PRAGMA synchronous=OFF");

        // Every row of each template case's graph, read raw, so the copy is written in exactly the stored form.
        var graphs = new Dictionary<Guid, List<Row>>();
        var auditOf = new Dictionary<Guid, List<Dictionary<string, object?>>>();
        foreach (var (id, _, _) in org.TemplateCases)
        {
            var rows = new List<Row>();
            foreach (var table in CaseTables)
            {
                var where = table switch
                {
                    "Cases" => "Id = $id",
                    "PlanMeasures" => "PlanVersionId IN (SELECT Id FROM PlanVersions WHERE CaseId = $id)",
                    _ => "CaseId = $id",
                };
                rows.AddRange((await Read(connection, $"SELECT * FROM {table} WHERE {where}", id)).Select(v => new Row(table, v)));
            }
            graphs[id] = rows;
            auditOf[id] = await Read(connection, "SELECT * FROM AuditLog WHERE CaseId = $id ORDER BY Sequence", id);
        }
        var schoolUsers = org.Schools.ToDictionary(s => s.SchoolId);
        var head = (await Read(connection, "SELECT Sequence, Hash FROM AuditLog ORDER BY Sequence DESC LIMIT 1", null)).Single();
        var sequence = (long)head["Sequence"]!;
        var previousHash = (string)head["Hash"]!;
        var existingEntries = sequence;
        var userNames = (await Read(connection, "SELECT Id, DisplayName FROM Users", null)).ToDictionary(r => Guid.Parse((string)r["Id"]!), r => (string)r["DisplayName"]!);
        // Ids that belong to the organisation, not to a case: kept unless the copy's school mapping names them.
        var shared = new HashSet<Guid>(userNames.Keys);
        foreach (var table in new[] { "Pupils", "Schools", "SchoolOwners" })
            foreach (var row in await Read(connection, $"SELECT Id FROM {table}", null)) shared.Add(Guid.Parse((string)row["Id"]!));

        // Which copies: 30 % open cases (from the open templates) made in the last 120 days, 70 % closed ones over four
        // years; round-robin over schools. Ordered by when they were made, so the chain's sequence follows time.
        var random = new Random(12);
        var open = org.TemplateCases.Where(t => t.State != CaseState.Closed).ToList();
        var closed = org.TemplateCases.Where(t => t.State == CaseState.Closed).ToList();
        if (closed.Count == 0) closed = open;
        var copyCount = caseTarget - org.TemplateCases.Count;
        var plans = Enumerable.Range(0, copyCount).Select(i =>
        {
            var isOpen = random.NextDouble() < 0.3;
            var template = isOpen ? open[random.Next(open.Count)] : closed[random.Next(closed.Count)];
            var daysBack = isOpen ? random.NextDouble() * 120 : 14 + random.NextDouble() * 4 * 365;
            return (Template: template, School: i % org.Schools.Count, Shift: TimeSpan.FromDays(-daysBack), Order: -daysBack);
        }).OrderBy(p => p.Order).ToList();
        var commandEntries = plans.Sum(p => (long)auditOf[p.Template.Id].Count);
        var viewsLeft = Math.Max(0, entryTarget - existingEntries - commandEntries);

        var numbers = new Dictionary<int, int>();
        foreach (var row in await Read(connection, "SELECT CaseNumber FROM Cases", null))
        {
            var parts = ((string)row["CaseNumber"]!).Split('-');
            numbers[int.Parse(parts[0])] = Math.Max(numbers.GetValueOrDefault(int.Parse(parts[0])), int.Parse(parts[1]));
        }
        var now = DateTime.UtcNow;
        var inserts = new Dictionary<string, SqliteCommand>();
        var made = new List<Copy>(copyCount);
        var transaction = connection.BeginTransaction();
        var audit = AuditInsert(connection, transaction);
        for (var i = 0; i < plans.Count; i++)
        {
            var (template, school, shift, _) = plans[i];
            var target = org.Schools[school];
            var source = org.Schools[template.School];
            var map = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
            {
                [source.SchoolId.ToString()] = target.SchoolId.ToString(),
                [source.Principal.ToString()] = target.Principal.ToString(),
            };
            for (var s = 0; s < source.Staff.Length; s++) map[source.Staff[s].ToString()] = target.Staff[(s + i) % target.Staff.Length].ToString();
            for (var p = 0; p < source.Pupils.Length; p++) map[source.Pupils[p].ToString()] = target.Pupils[(p + i * 7) % target.Pupils.Length].ToString();
            var caseRow = graphs[template.Id].First(r => r.Table == "Cases");
            var createdAt = ParseTime((string)caseRow.Values["CreatedAtUtc"]!) + shift;
            if (createdAt > now) { shift -= createdAt - now; createdAt = now; }
            var year = createdAt.Year;
            numbers[year] = numbers.GetValueOrDefault(year) + 1;
            var caseNumber = $"{year}-{numbers[year]:0000}";
            var oldNumber = (string)caseRow.Values["CaseNumber"]!;

            string MapGuid(string value)
            {
                if (!map.TryGetValue(value, out var mapped))
                {
                    mapped = Guid.NewGuid().ToString().ToUpperInvariant();
                    map[value] = mapped;
                }
                return value.Any(char.IsLower) ? mapped.ToLowerInvariant() : mapped.ToUpperInvariant();
            }
            bool IsShared(string guid) => Guid.TryParse(guid, out var g) && shared.Contains(g) && !map.ContainsKey(guid);

            foreach (var row in graphs[template.Id])
            {
                var values = new Dictionary<string, object?>(row.Values.Count);
                foreach (var (column, value) in row.Values)
                {
                    values[column] = value switch
                    {
                        string s when column == "CaseNumber" => s == oldNumber ? caseNumber : s,
                        string s when GuidText().IsMatch(s) => IsShared(s) ? s : MapGuid(s),
                        string s when TimeText().IsMatch(s) => FormatTime(ParseTime(s) + shift),
                        string s when DateText().IsMatch(s) && column != "CaseNumber" => DateOnly.ParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture)
                            .AddDays((int)Math.Round(shift.TotalDays)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                        _ => value,
                    };
                }
                await Insert(connection, transaction, inserts, row.Table, values);
            }
            var copyId = Guid.Parse(map[template.Id.ToString()]);
            made.Add(new Copy(copyId, template.Id, school));

            // The template's audit entries, rewritten for the copy and chained on.
            DateTime last = createdAt;
            foreach (var entry in auditOf[template.Id])
            {
                var userId = entry["UserId"] is string u ? Guid.Parse(IsShared(u) ? u : MapGuid(u)) : (Guid?)null;
                var details = GuidInText().Replace((string)entry["Details"]!, m => IsShared(m.Value) ? m.Value : MapGuid(m.Value)).Replace(oldNumber, caseNumber);
                last = ParseTime((string)entry["AtUtc"]!) + shift;
                var written = new AuditEntry(++sequence, last, userId, userId is { } id && userNames.TryGetValue(id, out var name) ? name : (string)entry["UserName"]!,
                    entry["Role"] is string r ? Enum.Parse<Role>(r) : null, (string)entry["Action"]!, copyId,
                    entry["StateBefore"] is string b ? Enum.Parse<CaseState>(b) : null, entry["StateAfter"] is string a ? Enum.Parse<CaseState>(a) : null,
                    details, previousHash, key);
                await WriteAudit(audit, written);
                previousHash = written.Hash;
            }
            // Reads: the principal (and now and then the § 9A team) looking at the case over its life.
            var views = viewsLeft / (plans.Count - i);
            viewsLeft -= views;
            for (var v = 0; v < views; v++)
            {
                var byTeam = v % 5 == 4;
                var viewer = byTeam ? org.TeamUser : target.Principal;
                last = last.AddMinutes(random.Next(30, 60 * 24));
                if (last > now) last = now;
                var written = new AuditEntry(++sequence, last, viewer, userNames[viewer], byTeam ? Role.SchoolOwnerTeam : Role.Principal, "ViewCase", copyId,
                    null, null, $"{{\"caseNumber\":\"{caseNumber}\"}}", previousHash, key);
                await WriteAudit(audit, written);
                previousHash = written.Hash;
            }
            if (i % 5000 == 4999 || i == plans.Count - 1)
            {
                transaction.Commit();
                transaction.Dispose();
                foreach (var command in inserts.Values) command.Dispose();
                inserts.Clear();
                audit.Dispose();
                transaction = connection.BeginTransaction();
                audit = AuditInsert(connection, transaction);
                Console.Write($"\r  {i + 1:N0} copies, {sequence:N0} audit entries");
            }
        }
        transaction.Commit();
        Console.WriteLine();
        await Exec(connection, "PRAGMA wal_checkpoint(TRUNCATE)");
        return made;
    }

    private static async Task<IEnumerable<string>> CheckCopiesAsync(IServiceProvider services, Organisation org, List<Copy> made)
    {
        var checks = new List<string>();
        async Task<T> Send<T>(Guid userId, IRequest<T> request)
        {
            using var scope = services.CreateScope();
            var user = await scope.ServiceProvider.GetRequiredService<AppDbContext>().Users.AsNoTracking().SingleAsync(u => u.Id == userId);
            ((CurrentUser)scope.ServiceProvider.GetRequiredService<ICurrentUser>()).ActAs(user);
            return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(request);
        }
        var team = org.TeamUser;
        // Every template's first copy reads with the same shape (states, timeline, deadlines, plans) as the template.
        var compared = 0;
        foreach (var (templateId, _, _) in org.TemplateCases)
        {
            var copy = made.FirstOrDefault(m => m.TemplateId == templateId);
            if (copy is null) continue;
            var a = Shape(await Send(team, new GetCaseDetail.Query(templateId)));
            var b = Shape(await Send(team, new GetCaseDetail.Query(copy.Id)));
            if (a != b) throw new InvalidOperationException($"The copy {copy.Id} of {templateId} does not read like it:\n{a}\n---\n{b}");
            compared++;
        }
        checks.Add($"GetCaseDetail: {compared} copies read with the same shape as their templates");
        // Real commands on copies: a comment on the newest copies of open templates, and a new concern (the next case number).
        var stepped = 0;
        foreach (var copy in made.AsEnumerable().Reverse().Where(c => org.TemplateCases.Any(t => t.Id == c.TemplateId && t.State != CaseState.Closed)).Take(5))
        {
            await Send(team, new AddComment.Command(copy.Id, null, "Kontroll av hurtigkopien."));
            stepped++;
        }
        var school = org.Schools[2];
        var concern = await Send(school.Staff[0], new LogConcern.Command(school.Pupils[0], "Kontroll: en ny bekymring etter kopieringen.", DateTime.UtcNow.AddHours(-1),
            ConcernLocation.Classroom, null, true, false, false, false));
        checks.Add($"real commands on the copies: {stepped} comments, and a new concern numbered {concern.CaseNumber}");
        using (var scope = services.CreateScope())
        {
            var v = await scope.ServiceProvider.GetRequiredService<AuditChainVerifier>().VerifyAsync(CancellationToken.None);
            if (!v.IsIntact) throw new InvalidOperationException("The chain does not verify after the real commands: " + v.Problem);
            checks.Add($"the chain verifies after them: {v.EntriesChecked:N0} entries");
        }
        return checks;
    }

    /// <summary>The case page's data with its values left out: the same shape means the same states, entries, deadlines, plans.</summary>
    private static string Shape(object detail)
    {
        var sb = new System.Text.StringBuilder();
        void Walk(JsonElement e, string path)
        {
            switch (e.ValueKind)
            {
                case JsonValueKind.Object:
                    foreach (var p in e.EnumerateObject()) Walk(p.Value, path + "." + p.Name);
                    break;
                case JsonValueKind.Array:
                    sb.Append(path).Append('[').Append(e.GetArrayLength()).Append("] ");
                    var i = 0;
                    foreach (var item in e.EnumerateArray()) Walk(item, $"{path}[{i++}]");
                    break;
                case JsonValueKind.String when path.EndsWith("State") || path.EndsWith("Kind"):
                    sb.Append(path).Append('=').Append(e.GetString()).Append(' ');
                    break;
                default:
                    sb.Append(path).Append(':').Append(e.ValueKind == JsonValueKind.Null ? "null" : "v").Append(' ');
                    break;
            }
        }
        using var document = JsonDocument.Parse(JsonSerializer.Serialize(detail, new JsonSerializerOptions { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } }));
        Walk(document.RootElement, "");
        return sb.ToString();
    }

    private static async Task<List<Dictionary<string, object?>>> Read(SqliteConnection connection, string sql, Guid? id)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        if (id is { } g) command.Parameters.AddWithValue("$id", g.ToString().ToUpperInvariant());
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<Dictionary<string, object?>>();
        while (await reader.ReadAsync())
        {
            var row = new Dictionary<string, object?>();
            for (var c = 0; c < reader.FieldCount; c++) row[reader.GetName(c)] = reader.IsDBNull(c) ? null : reader.GetValue(c);
            rows.Add(row);
        }
        return rows;
    }

    private static async Task Insert(SqliteConnection connection, SqliteTransaction transaction, Dictionary<string, SqliteCommand> inserts, string table,
        Dictionary<string, object?> values)
    {
        if (!inserts.TryGetValue(table, out var command))
        {
            command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = $"INSERT INTO {table} ({string.Join(", ", values.Keys.Select(k => $"\"{k}\""))}) VALUES ({string.Join(", ", values.Keys.Select((_, i) => "$p" + i))})";
            for (var i = 0; i < values.Count; i++) command.Parameters.Add(new SqliteParameter("$p" + i, null));
            command.Prepare();
            inserts[table] = command;
        }
        var n = 0;
        foreach (var value in values.Values) command.Parameters[n++].Value = value ?? DBNull.Value;
        await command.ExecuteNonQueryAsync();
    }

    private static SqliteCommand AuditInsert(SqliteConnection connection, SqliteTransaction transaction)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        string[] columns = ["Sequence", "AtUtc", "UserId", "UserName", "Role", "Action", "CaseId", "StateBefore", "StateAfter", "Details", "PreviousHash", "Hash", "KeyId"];
        command.CommandText = $"INSERT INTO AuditLog ({string.Join(", ", columns)}) VALUES ({string.Join(", ", columns.Select(c => "$" + c))})";
        foreach (var c in columns) command.Parameters.Add(new SqliteParameter("$" + c, null));
        command.Prepare();
        return command;
    }

    private static async Task WriteAudit(SqliteCommand command, AuditEntry e)
    {
        var p = command.Parameters;
        p["$Sequence"].Value = e.Sequence;
        p["$AtUtc"].Value = FormatTime(e.AtUtc);
        p["$UserId"].Value = e.UserId is { } u ? u.ToString().ToUpperInvariant() : DBNull.Value;
        p["$UserName"].Value = e.UserName;
        p["$Role"].Value = e.Role?.ToString() ?? (object)DBNull.Value;
        p["$Action"].Value = e.Action;
        p["$CaseId"].Value = e.CaseId is { } c ? c.ToString().ToUpperInvariant() : DBNull.Value;
        p["$StateBefore"].Value = e.StateBefore?.ToString() ?? (object)DBNull.Value;
        p["$StateAfter"].Value = e.StateAfter?.ToString() ?? (object)DBNull.Value;
        p["$Details"].Value = e.Details;
        p["$PreviousHash"].Value = e.PreviousHash;
        p["$Hash"].Value = e.Hash;
        p["$KeyId"].Value = e.KeyId ?? (object)DBNull.Value;
        await command.ExecuteNonQueryAsync();
    }

    private static async Task Exec(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>EF Core's SQLite form of a DateTime.</summary>
    private static string FormatTime(DateTime t) => t.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture).TrimEnd('.');

    private static DateTime ParseTime(string s) => DateTime.SpecifyKind(DateTime.Parse(s, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal), DateTimeKind.Utc);

    [GeneratedRegex("^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$")]
    private static partial Regex GuidText();

    [GeneratedRegex("[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}")]
    private static partial Regex GuidInText();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d+)?$")]
    private static partial Regex TimeText();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}$")]
    private static partial Regex DateText();
}
