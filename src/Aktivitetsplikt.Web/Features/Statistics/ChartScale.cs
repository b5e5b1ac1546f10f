namespace Aktivitetsplikt.Web.Features.Statistics;

/// <summary>One bar of a <see cref="BarChart"/>: its short label under the bar and its value, written on the bar.</summary>
public sealed record ChartBar(string Label, int Value);

/// <summary>One row of a <see cref="StackedBarChart"/>: a label and a value per series, in the chart's series order.</summary>
public sealed record StackedRow(string Label, IReadOnlyList<int> Values)
{
    public int Total => Values.Sum();
}

/// <summary>A value axis from zero with round steps (1, 2 or 5 times a power of ten) and about four gridlines.</summary>
public sealed record ChartScale(int Max, int Step)
{
    public static ChartScale For(int largest)
    {
        if (largest <= 0) return new ChartScale(1, 1);
        var rough = Math.Max(1.0, largest / 4.0);
        var power = Math.Pow(10, Math.Floor(Math.Log10(rough)));
        var step = (int)(new[] { 1, 2, 5, 10 }.Select(f => f * power).First(s => s >= rough));
        return new ChartScale((int)Math.Ceiling(largest / (double)step) * step, step);
    }

    public IEnumerable<int> Ticks
    {
        get
        {
            for (var tick = 0; tick <= Max; tick += Step) yield return tick;
        }
    }

    /// <summary>How far along the axis a value lies, 0 to 1.</summary>
    public double Fraction(int value) => (double)value / Max;
}
