using Ledger.Core.Import;
using Ledger.Core.Text;

namespace Ledger.Core.Registry;

/// <summary>
/// The registry file's three sheets: the names a workbook's sheet may have, and each sheet's columns with their
/// Indonesian header (as SDP and the template write it), their English header (the canonical name) and the other
/// spellings SDP exports use. Sentence parts and remisi months and days are required columns whose cells may be
/// empty (0), so a misspelt header is reported rather than read as nothing.
/// </summary>
public static class RegistrySheets
{
    public static readonly SheetColumns People = new(
        new SheetColumn(RegistryColumns.RegistrationNumber, "No. Registrasi", Required: true, "Nomor Registrasi", "No Reg", "Register Number"),
        new SheetColumn(RegistryColumns.FullName, "Nama", Required: true, "Nama Lengkap", "Name"),
        new SheetColumn(RegistryColumns.BirthDate, "Tanggal Lahir", Required: false, "Tgl Lahir"),
        new SheetColumn(RegistryColumns.DetentionDate, "Tanggal Penahanan", Required: true, "Tgl Penahanan", "Tanggal Ditahan"),
        new SheetColumn(RegistryColumns.SentenceYears, "Pidana Tahun", Required: true, "Lama Pidana Tahun"),
        new SheetColumn(RegistryColumns.SentenceMonths, "Pidana Bulan", Required: true, "Lama Pidana Bulan"),
        new SheetColumn(RegistryColumns.SentenceDays, "Pidana Hari", Required: true, "Lama Pidana Hari"),
        new SheetColumn(RegistryColumns.SentenceKind, "Jenis Pidana", Required: true),
        new SheetColumn(RegistryColumns.ReleasedOn, "Tanggal Bebas", Required: false, "Tgl Bebas", "Tanggal Keluar"));

    public static readonly SheetColumns Remisi = new(
        new SheetColumn(RegistryColumns.RegistrationNumber, "No. Registrasi", Required: true, "Nomor Registrasi", "No Reg"),
        new SheetColumn(RegistryColumns.RemisiKind, "Jenis", Required: true, "Jenis Remisi"),
        new SheetColumn(RegistryColumns.DecreeDate, "Tanggal SK", Required: true, "Tgl SK"),
        new SheetColumn(RegistryColumns.DecreeNumber, "Nomor SK", Required: true, "No SK"),
        new SheetColumn(RegistryColumns.Months, "Bulan", Required: true),
        new SheetColumn(RegistryColumns.Days, "Hari", Required: true));

    public static readonly SheetColumns RegisterF = new(
        new SheetColumn(RegistryColumns.RegistrationNumber, "No. Registrasi", Required: true, "Nomor Registrasi", "No Reg"),
        new SheetColumn(RegistryColumns.Date, "Tanggal", Required: true, "Tanggal Kejadian"),
        new SheetColumn(RegistryColumns.Description, "Uraian", Required: true, "Keterangan"));

    public static SheetColumns Columns(RegistrySheet sheet) => sheet switch
    {
        RegistrySheet.People => People,
        RegistrySheet.Remisi => Remisi,
        _ => RegisterF,
    };

    /// <summary>The names a workbook's sheet answers to (matched ignoring case, spaces, dots and underscores).</summary>
    public static IReadOnlyList<string> Names(RegistrySheet sheet) => sheet switch
    {
        RegistrySheet.People => ["Warga Binaan", "People", "Orang", "Registrasi"],
        RegistrySheet.Remisi => ["Remisi", "Remissions", "Remission"],
        _ => ["Register F", "Discipline", "Disiplin"],
    };

    /// <summary>The sheet's name in a template or a message: Warga Binaan / People, Remisi, Register F.</summary>
    public static string Name(RegistrySheet sheet, bool indonesian) =>
        Language.In(indonesian ? Language.Indonesian : Language.English, () => Name(sheet));

    /// <summary>The sheet's name in the reader's language.</summary>
    public static string Name(RegistrySheet sheet) => sheet switch
    {
        RegistrySheet.People => Text.Registry.SheetPeople,
        RegistrySheet.Remisi => Text.Registry.SheetRemisi,
        _ => Text.Registry.SheetRegisterF,
    };
}
