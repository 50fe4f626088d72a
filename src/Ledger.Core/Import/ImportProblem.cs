namespace Ledger.Core.Import;

/// <summary>One refused cell (or the header, or the whole file) of an imported table: where, what it held and why.</summary>
public sealed record ImportProblem(int Line, string Column, string? Value, string Reason)
{
    /// <summary>The key of the problem in a 400's <c>errors</c>: <c>line 7: date</c>.</summary>
    public string ErrorKey() => $"line {Line}: {Column}";
}
