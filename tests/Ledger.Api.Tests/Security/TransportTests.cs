using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Ledger.Api.Auth;
using Ledger.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;
using NodaTime;

namespace Ledger.Api.Tests.Security;

/// <summary>Headers, logs, rate limits and the demo key file: what travels and what stays behind.</summary>
public sealed partial class TransportTests
{
    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // run.sh and its scripts are for Linux
    public void The_demo_signing_key_file_is_readable_by_its_owner_only()
    {
        var root = RepositoryRoot();
        Assert.Contains("scripts/signing-key.sh .data/signing-key", File.ReadAllText(Path.Combine(root, "run.sh")), StringComparison.Ordinal);
        var folder = Directory.CreateTempSubdirectory("ledger-key-");
        try
        {
            var fresh = Path.Combine(folder.FullName, ".data", "signing-key");
            var key = RunSigningKeyScript(root, fresh);
            Assert.True(key.Length >= 32, $"the key is long enough: '{key}'");
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(fresh));

            // A key made by an earlier run.sh (world-readable) is kept and tightened.
            var older = Path.Combine(folder.FullName, "older-key");
            File.WriteAllText(older, "an-older-demo-key-0123456789abcdefghij");
            File.SetUnixFileMode(older, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
            Assert.Equal("an-older-demo-key-0123456789abcdefghij", RunSigningKeyScript(root, older));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(older));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "run.sh")))
            {
                return folder.FullName;
            }
        }
        throw new DirectoryNotFoundException("run.sh was not found above " + AppContext.BaseDirectory);
    }

    /// <summary>Runs the script exactly as run.sh does, under the common umask 022.</summary>
    private static string RunSigningKeyScript(string root, string file)
    {
        var start = new ProcessStartInfo("bash", ["-c", "umask 022 && scripts/signing-key.sh \"$0\"", file])
        {
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"signing-key.sh exited {process.ExitCode}: {error}");
        return output.Trim();
    }
}
