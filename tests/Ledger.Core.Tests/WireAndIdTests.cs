using Ledger.Core.Inmates;
using Ledger.Core.Input;
using Ledger.Core.Skills;

namespace Ledger.Core.Tests;

/// <summary>The shared pieces the stores and the API read with: enum spelling, id parsing, optional text.</summary>
public sealed class WireAndIdTests
{
    [Theory]
    [InlineData(CertificateResult.NotYetCompetent, "not-yet-competent")]
    [InlineData(IssuerKind.LspBnsp, "lsp-bnsp")]
    [InlineData(IssuerKind.Facility, "facility")]
    public void An_enum_reads_back_the_spelling_it_is_written_with(object value, string spelling)
    {
        Assert.Equal(spelling, Wire.Naming.ConvertName(value.ToString()!));
        Assert.Equal(value, value is CertificateResult ? Wire.Parse<CertificateResult>(spelling) : Wire.Parse<IssuerKind>(spelling));
    }

    [Fact]
    public void An_id_parses_a_uuid_and_refuses_anything_else_as_the_empty_id()
    {
        var guid = Guid.CreateVersion7();
        Assert.True(InmateId.TryParse(guid.ToString(), null, out var id));
        Assert.Equal(guid, id.Value);
        Assert.Equal(guid.ToString(), id.ToString());
        Assert.False(CertificateId.TryParse("not-a-uuid", null, out var none));
        Assert.Equal(Guid.Empty, none.Value);
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData(" \t ", null)]
    [InlineData("  Balai Latihan Kerja ", "Balai Latihan Kerja")]
    public void Optional_text_is_stored_trimmed_and_blank_as_absent(string? given, string? stored)
    {
        Assert.Equal(stored, FreeText.Clean(given));
    }
}
