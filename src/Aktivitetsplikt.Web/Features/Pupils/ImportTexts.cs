using Aktivitetsplikt.Web.Infrastructure;

namespace Aktivitetsplikt.Web.Features.Pupils;

/// <summary>An import problem in the reader's language: its text, with the column's name when the value names a column.</summary>
public static class ImportTexts
{
    public static string Problem(UiText text, ImportProblem problem)
    {
        var value = problem.Value is { } v && v.StartsWith("Import.Column.", StringComparison.Ordinal) ? text[v] : problem.Value ?? "";
        return text.Format(problem.Code, value);
    }

    public static string Field(UiText text, string field) => field switch
    {
        PupilImportPlan.FieldName => text["Pupils.Name"],
        PupilImportPlan.FieldGroup => text["Admin.Pupil.Group"],
        PupilImportPlan.FieldSchool => text["Admin.Pupil.School"],
        _ => text["Import.Reactivated"],
    };
}
