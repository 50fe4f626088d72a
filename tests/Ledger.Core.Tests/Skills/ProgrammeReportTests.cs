using Ledger.Core.Skills;

namespace Ledger.Core.Tests.Skills;

public sealed class ProgrammeReportTests
{
    [Fact]
    public void A_report_line_has_the_kept_people_and_minutes_whole_JP_of_the_total_and_unrevoked_competent_certificates()
    {
        var coir = SkillRulesTests.Programme("sabut-kelapa", 2400);
        var idle = SkillRulesTests.Programme("anyaman", null);

        var lines = ProgrammeReport.Build([coir, idle],
            [new ProgrammeTotals(coir.Id, 2, 60, 0, 0, 0)],
            [
                new CertificateIssued(coir.Id, CertificateResult.Competent, false),
                new CertificateIssued(coir.Id, CertificateResult.Competent, true),
                new CertificateIssued(coir.Id, CertificateResult.NotYetCompetent, false),
            ],
            45);

        var line = lines.Single(l => l.ProgrammeCode == "sabut-kelapa");
        Assert.Equal((2, 60L, 1L, 1, 1), (line.Participants, line.Minutes, line.Jp, line.CertificatesIssued, line.NotYetCompetent));
        Assert.Equal((0, 0L), (lines.Single(l => l.ProgrammeCode == "anyaman").Participants, lines.Single(l => l.ProgrammeCode == "anyaman").Minutes));
    }
}
