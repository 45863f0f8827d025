using System;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace FeishuResources.Transfers;

/// <summary>
/// Which file a handle or a directory entry is (device and inode), so a save can prove that the name it
/// moves into place is the file it wrote, not something put there meanwhile by anyone who can write to the
/// folder. Read with Linux's <c>statx(2)</c>, whose buffer layout is the same on every architecture; elsewhere
/// (and on kernels or C libraries without it) the identity is unknown and saves are not checked.
/// </summary>
internal readonly struct FileIdentity : IEquatable<FileIdentity>
{
    private const int AtFdCwd = -100;
    private const int AtSymlinkNoFollow = 0x100;
    private const int AtEmptyPath = 0x1000;
    private const uint StatxIno = 0x100;
    private const int StatxSize = 256;
    private const int InodeOffset = 32;
    private const int DeviceMajorOffset = 136;
    private const int DeviceMinorOffset = 140;
    private static readonly byte[] EmptyPath = [0];
    private static bool s_unavailable = !RuntimeInformation.IsOSPlatform(OSPlatform.Linux);

    private readonly ulong _device;
    private readonly ulong _inode;

    private FileIdentity(ulong device, ulong inode)
    {
        _device = device;
        _inode = inode;
    }

    /// <summary>The file <paramref name="handle"/> is open on; null when it cannot be told.</summary>
    public static FileIdentity? Of(SafeFileHandle handle)
    {
        // Stryker disable once Block : equivalent — reached only with a C library without statx, not the one the tests and the mutation run use.
        if (s_unavailable)
        {
            return null;
        }

        bool added = false;
        try
        {
            handle.DangerousAddRef(ref added);
            return Stat(handle.DangerousGetHandle().ToInt32(), EmptyPath, AtEmptyPath);
        }
        finally
        {
            if (added)
            {
                handle.DangerousRelease();
            }
        }
    }

    /// <summary>The entry at <paramref name="path"/> itself (a symbolic link is not followed); null when there is none.</summary>
    // Stryker disable once Conditional : equivalent — s_unavailable is set only with a C library without statx, not the one the tests and the mutation run use.
    public static FileIdentity? OfEntry(string path)
        => s_unavailable ? null : Stat(AtFdCwd, Encoding.UTF8.GetBytes(path + "\0"), AtSymlinkNoFollow);

    public bool Equals(FileIdentity other) => _device == other._device && _inode == other._inode;

    public override bool Equals(object? obj) => obj is FileIdentity other && Equals(other);

    public override int GetHashCode() => _inode.GetHashCode();

    private static FileIdentity? Stat(int directory, byte[] path, int flags)
    {
        byte[] buffer = new byte[StatxSize];
        try
        {
            if (Statx(directory, path, flags, StatxIno, buffer) != 0)
            {
                return null;
            }
        }
        catch (EntryPointNotFoundException)
        {
            // A C library older than statx (glibc 2.28, musl 1.2.5): nothing to compare with.
            // Stryker disable once Boolean : equivalent — reached only with a C library without statx, not the one the tests and the mutation run use.
            s_unavailable = true;
            return null;
        }

        ulong device = ((ulong)BitConverter.ToUInt32(buffer, DeviceMajorOffset) << 32) | BitConverter.ToUInt32(buffer, DeviceMinorOffset);
        return new FileIdentity(device, BitConverter.ToUInt64(buffer, InodeOffset));
    }

    [DllImport("libc", EntryPoint = "statx", SetLastError = true)]
    private static extern int Statx(int directory, byte[] path, int flags, uint mask, byte[] buffer);
}
