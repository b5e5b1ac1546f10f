namespace Aktivitetsplikt.Web.Features.Cases;

public static class PlanEvaluationDates
{
    /// <summary>The days practice guidance suggests between adopting a plan and evaluating it.</summary>
    public static readonly int[] SuggestedDays = [7, 14, 28];

    /// <summary>A suggested evaluation date: that many days on, moved to the next weekday if it falls on a weekend.</summary>
    public static DateOnly Suggested(DateOnly today, int days)
    {
        var date = today.AddDays(days);
        while (date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday) date = date.AddDays(1);
        return date;
    }
}
