/**
 * Where the cached index's snapshot file is kept: the origin private file system (OPFS),
 * which a restarted background reads several times faster than the same bytes from
 * IndexedDB (a 40 MB buffer in Chromium's service worker: 0.2–0.3 s against 0.9–1.5 s on
 * the loaded test machine). Only Verbatim's own pages and worker can reach it, as with its
 * database. Derived data: it may be dropped at any time.
 */

/** A directory of snapshot files. */
export interface SnapshotFiles {
  write(name: string, bytes: Uint8Array): Promise<void>;
  /** The file's bytes, or undefined if there is no such file. */
  read(name: string): Promise<ArrayBuffer | undefined>;
  /** Delete every file but `keep`. */
  removeAllBut(keep: readonly string[]): Promise<void>;
}

const DIRECTORY = 'verbatim-index';

type Directory = FileSystemDirectoryHandle & {
  keys(): AsyncIterableIterator<string>;
};

/** The snapshot files in the origin private file system, or undefined where there is none. */
export function opfsSnapshotFiles(
  storage: StorageManager | undefined = globalThis.navigator?.storage,
): SnapshotFiles | undefined {
  if (typeof storage?.getDirectory !== 'function') return undefined;
  const directory = async (): Promise<Directory> =>
    (await (
      await storage.getDirectory()
    ).getDirectoryHandle(DIRECTORY, {
      create: true,
    })) as Directory;
  return {
    async write(name, bytes) {
      const file = await (await directory()).getFileHandle(name, { create: true });
      const writable = await file.createWritable();
      try {
        await writable.write(bytes as Uint8Array<ArrayBuffer>);
      } finally {
        await writable.close();
      }
    },
    async read(name) {
      try {
        const file = await (await directory()).getFileHandle(name);
        return await (await file.getFile()).arrayBuffer();
      } catch (e) {
        if ((e as { name?: string }).name === 'NotFoundError') return undefined;
        throw e;
      }
    },
    async removeAllBut(keep) {
      const dir = await directory();
      const names: string[] = [];
      for await (const name of dir.keys()) if (!keep.includes(name)) names.push(name);
      for (const name of names) await dir.removeEntry(name).catch(() => undefined);
    },
  };
}

/** Snapshot files in memory (tests). */
export function memorySnapshotFiles(): SnapshotFiles & { names(): string[] } {
  const files = new Map<string, Uint8Array>();
  return {
    async write(name, bytes) {
      files.set(name, bytes.slice());
    },
    async read(name) {
      const bytes = files.get(name);
      return bytes?.slice().buffer;
    },
    async removeAllBut(keep) {
      for (const name of [...files.keys()]) if (!keep.includes(name)) files.delete(name);
    },
    names: () => [...files.keys()],
  };
}
