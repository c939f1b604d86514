using System.Reflection;
using System.Runtime.InteropServices;

namespace PmmEtl.DemoSource.Storage;

/// <summary>
/// The few SQLite entry points the bulk writer calls per value, as unmanaged function pointers into the same
/// e_sqlite3 library SQLitePCL loads. Through SQLitePCL each call also ref-counts the statement's SafeHandle and
/// goes through a marshalling stub; for twenty million values that was a fifth of the run. Statements are still
/// prepared, finalised and owned through SQLitePCL; only binding and stepping come here. Binding copies a few
/// bytes into the statement and never blocks or calls back, so it skips the GC transition (SuppressGCTransition);
/// stepping does real work and keeps it.
/// </summary>
internal static unsafe class SqliteNative
{
    /// <summary>SQLITE_STATIC: the text stays where it is until the statement is stepped (it is, in the writer's row buffer).</summary>
    public static readonly IntPtr Static = IntPtr.Zero;

    private static readonly IntPtr Library = Load();

    public static readonly delegate* unmanaged[SuppressGCTransition]<IntPtr, int, long, int> BindInt64 =
        (delegate* unmanaged[SuppressGCTransition]<IntPtr, int, long, int>)Export("sqlite3_bind_int64");

    public static readonly delegate* unmanaged[SuppressGCTransition]<IntPtr, int, double, int> BindDouble =
        (delegate* unmanaged[SuppressGCTransition]<IntPtr, int, double, int>)Export("sqlite3_bind_double");

    public static readonly delegate* unmanaged[SuppressGCTransition]<IntPtr, int, int> BindNull =
        (delegate* unmanaged[SuppressGCTransition]<IntPtr, int, int>)Export("sqlite3_bind_null");

    public static readonly delegate* unmanaged[SuppressGCTransition]<IntPtr, int, byte*, int, IntPtr, int> BindText =
        (delegate* unmanaged[SuppressGCTransition]<IntPtr, int, byte*, int, IntPtr, int>)Export("sqlite3_bind_text");

    public static readonly delegate* unmanaged<IntPtr, int> Step = (delegate* unmanaged<IntPtr, int>)Export("sqlite3_step");

    public static readonly delegate* unmanaged<IntPtr, int> Reset = (delegate* unmanaged<IntPtr, int>)Export("sqlite3_reset");

    private static IntPtr Export(string name) => NativeLibrary.GetExport(Library, name);

    private static IntPtr Load()
    {
        SQLitePCL.Batteries_V2.Init();
        // The provider's assembly resolves "e_sqlite3" exactly as its own P/Invokes do (runtimes/<rid>/native).
        Assembly provider = typeof(SQLitePCL.SQLite3Provider_e_sqlite3).Assembly;
        return NativeLibrary.Load("e_sqlite3", provider, null);
    }
}
