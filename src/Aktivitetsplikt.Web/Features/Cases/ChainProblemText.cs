using Aktivitetsplikt.Domain.Audit;
using Aktivitetsplikt.Web.Infrastructure;

namespace Aktivitetsplikt.Web.Features.Cases;

/// <summary>
/// The first broken link of the audit chain in the reader's language, from its kind (the domain's own sentence is
/// English, for the log): on the audit-log page and in the county governor's bundle alike.
/// </summary>
public static class ChainProblemText
{
    public static string Describe(ChainVerification verification, UiText t)
    {
        var sequence = verification.FirstBrokenSequence ?? 0;
        return verification.Kind switch
        {
            ChainProblem.MissingEntry => t.Format("AuditLog.Problem.Missing", sequence),
            ChainProblem.BrokenLink => t.Format("AuditLog.Problem.BrokenLink", sequence, sequence - 1),
            ChainProblem.ContentChanged => t.Format("AuditLog.Problem.ContentChanged", sequence),
            ChainProblem.UnknownKey => t.Format("AuditLog.Problem.UnknownKey", sequence),
            ChainProblem.Unkeyed => t.Format("AuditLog.Problem.Unkeyed", sequence),
            ChainProblem.AnchorMismatch => t.Format("AuditLog.Problem.AnchorMismatch", sequence),
            ChainProblem.Truncated => t.Format("AuditLog.Problem.Truncated", verification.EntriesChecked),
            _ => verification.Problem ?? "",
        };
    }
}
