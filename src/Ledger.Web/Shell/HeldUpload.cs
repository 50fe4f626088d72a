using Microsoft.AspNetCore.Http;

namespace Ledger.Web.Shell;

/// <summary>
/// An upload an import page holds between its two posts: read once for the preview, then carried base64 in the
/// confirm form, so the officer does not choose the file twice. The import pages (training, work records, registry)
/// share it.
/// </summary>
public static class HeldUpload
{
    /// <summary>Whether the file is larger than the pages take (<paramref name="maxMegabytes"/>).</summary>
    public static bool TooLarge(IFormFile file, int maxMegabytes) => file.Length > maxMegabytes * 1024L * 1024L;

    /// <summary>The uploaded file's bytes.</summary>
    public static async Task<byte[]> ReadAsync(IFormFile file)
    {
        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer);
        return buffer.ToArray();
    }

    /// <summary>The bytes carried in the confirm form, or null when the field was tampered with (not base64).</summary>
    public static byte[]? FromPosted(string? base64)
    {
        try
        {
            return Convert.FromBase64String(base64 ?? "");
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
