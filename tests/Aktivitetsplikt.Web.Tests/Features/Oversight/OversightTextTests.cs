using System.Globalization;
using Aktivitetsplikt.Web.Infrastructure;
using Aktivitetsplikt.Web.Pipeline;
using Aktivitetsplikt.Web.Tests.Support;

namespace Aktivitetsplikt.Web.Tests.Features.Oversight;

public class OversightTextTests
{
    private static readonly string[] AuditActions =
    {
        "LogConcern", "RecordIntervention", "NotifyPrincipal", "StartInvestigation", "RecordFinding", "RecordPupilVoice", "RecordParentContact",
        "AdoptPlan", "RevisePlan", "RecordMeasureProgress", "StartEvaluation", "RecordEvaluation", "CloseCase", "ReopenCase",
        "EscalateToSchoolOwner", "FlagParticularVulnerability", "RecordCountyGovernorCase", "RecordCountyGovernorDecision",
        "AddComment", "CorrectEntry", "ViewCase", "AccessRefused", "SignIn", "SignInRefused",
    };

    [Fact]
    public void BokmalAndNynorsk_HaveTheSameKeys_AllInThisAreasPrefixes()
    {
        var bokmal = ResourceFiles.Read("oversight", "nb-NO");
        var nynorsk = ResourceFiles.Read("oversight", "nn-NO");

        nynorsk.Keys.Should().BeEquivalentTo(bokmal.Keys);
        bokmal.Keys.Should().OnlyContain(k => k.StartsWith("Oversight.") || k.StartsWith("AuditLog.") || k.StartsWith("AuditAction."));
        bokmal.Values.Concat(nynorsk.Values).Should().OnlyContain(v => !string.IsNullOrWhiteSpace(v));
    }

    [Theory]
    [InlineData("nb-NO")]
    [InlineData("nn-NO")]
    public void EveryAuditAction_HasALabel(string culture)
    {
        var text = JsonStringLocalizerFactory.Load(culture);
        var commandNames = MediatorRegistration.RequestTypes(typeof(JsonStringLocalizerFactory).Assembly)
            .Where(t => t.Namespace == "Aktivitetsplikt.Web.Features.Cases"
                && t.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(ICommand<>)))
            .Select(t => t.DeclaringType?.Name ?? t.Name);

        AuditActions.Concat(commandNames).Distinct().Should().OnlyContain(action => text.ContainsKey($"AuditAction.{action}"));
    }

    [Fact]
    public void UiText_GivesTheseKeysInTheUsersWrittenLanguage()
    {
        var previous = CultureInfo.CurrentUICulture;
        try
        {
            var text = new UiText(new JsonStringLocalizerFactory());
            CultureInfo.CurrentUICulture = new CultureInfo("nn-NO");
            var nynorsk = text["AuditLog.Intact"];
            CultureInfo.CurrentUICulture = new CultureInfo("nb-NO");
            var bokmal = text["AuditLog.Intact"];

            bokmal.Should().Be("Loggkjeden er intakt ({0} oppføringer kontrollert)");
            nynorsk.Should().Be("Loggkjeda er intakt ({0} oppføringar kontrollerte)");
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }
}
