using FeishuResources.Transfers;
using FeishuResources.Tests.TestSupport;
using Xunit;

namespace FeishuResources.Tests.Transfers;

/// <summary>The file identity a save checks before it moves its file into place (Linux statx).</summary>
public sealed class MoveFileIdentityTests
{
    [Fact]
    public void Reading_the_identity_of_an_open_file_leaves_its_handle_usable()
    {
        using var folder = new TempFolder();
        string path = Path.Combine(folder.Path, "report.pdf.part");
        using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write))
        {
            FileIdentity? identity = FileIdentity.Of(file.SafeFileHandle);

            file.Write([1, 2, 3]);
            file.Flush();
            Assert.False(file.SafeFileHandle.IsClosed);
            Assert.Equal(FileIdentity.OfEntry(path), identity);
        }

        Assert.Equal(new byte[] { 1, 2, 3 }, File.ReadAllBytes(path));
    }

    [Fact]
    public void Entries_with_one_inode_number_on_two_file_systems_are_different_files()
    {
        // The roots of procfs and sysfs both have inode 1; only the device tells them apart.
        FileIdentity? proc = FileIdentity.OfEntry("/proc");
        FileIdentity? sys = FileIdentity.OfEntry("/sys");

        Assert.True(proc is null || sys is null || !proc.Value.Equals(sys.Value));
    }
}
