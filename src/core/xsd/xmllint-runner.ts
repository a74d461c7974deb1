/**
 * The one place where validation touches libxml2. The mapping of its messages (xsd-messages.ts) and the
 * report (xml-validator.ts) are plain functions, so the Node CLI (worker thread) and the add-in (Web
 * Worker) share them and differ only by the runner they pass in.
 */

export interface XmllintSchemaFile {
  readonly fileName: string;
  readonly contents: string;
}

export interface XmllintRequest {
  /** The document; named "document.xml" in xmllint's messages. */
  readonly xml: string | Uint8Array;
  /** Absent: only check that the document is well-formed (used to get parser messages, see xml-validator). */
  readonly schema?: XmllintSchemaFile;
  /** Always true from the validator: xmllint's streaming reader keeps memory close to the input size. */
  readonly stream: boolean;
  /** WebAssembly memory, in 64 KiB pages (see memoryPagesFor). */
  readonly initialMemoryPages: number;
  readonly maxMemoryPages: number;
  /**
   * The caller gives `xml` up: a runner whose libxml2 runs in another thread may move its bytes there instead of
   * copying them (the caller's array is then detached) and hands them back as `XmllintResult.xml`.
   */
  readonly transfer?: boolean;
}

export interface XmllintResult {
  /** True only when xmllint exited with success (valid, or well-formed when no schema was given). */
  readonly valid: boolean;
  /** What xmllint printed on stderr: libxml2's English messages, "document.xml:LINE: ..." lines. */
  readonly output: string;
  /** The request's bytes, handed back when the runner moved them to its worker (`XmllintRequest.transfer`). */
  readonly xml?: Uint8Array;
}

/**
 * Runs xmllint --noout [--stream] [--schema schema] document.xml. A runner must resolve (not reject) when
 * xmllint reports errors, including "failed to parse" (exit code 1), and reject only when xmllint could
 * not run at all (worker crash, out of memory).
 */
export type XmllintRunner = (request: XmllintRequest) => Promise<XmllintResult>;

/** File name given to the document inside xmllint's virtual file system. */
export const DOCUMENT_FILE_NAME = 'document.xml';

const PAGE_BYTES = 64 * 1024;
const MIB_PAGES = (1024 * 1024) / PAGE_BYTES;
/** xmllint-wasm's own defaults (16 MiB / 32 MiB), enough for a few hundred passages. */
const DEFAULT_INITIAL_PAGES = 16 * MIB_PAGES;
const DEFAULT_MAX_PAGES = 32 * MIB_PAGES;
/** 4 GiB, the most a wasm32 memory can address. */
const MAX_PAGES = 65536;

/**
 * Memory for a document of `byteLength` bytes. Measured with xmllint-wasm 5.3 (libxml2 2.13): the
 * document sits in Emscripten's file system, outside the wasm heap, and with --stream the heap stays
 * flat (a 160 MB file validates within the 32 MiB default), whereas building a tree needs several
 * times the input (20 MB fails with the defaults: exit code 9, out of memory). So we start at the
 * default and let the heap grow in proportion to the input (3× + 64 MiB, capped at 4 GiB): the cap
 * costs nothing until used and keeps a pathological document (huge text node, deep nesting) from
 * failing where native xmllint would not.
 */
export function memoryPagesFor(byteLength: number): { initialMemoryPages: number; maxMemoryPages: number } {
  const proportional = Math.ceil((byteLength * 3) / PAGE_BYTES) + 64 * MIB_PAGES;
  return {
    initialMemoryPages: DEFAULT_INITIAL_PAGES,
    maxMemoryPages: Math.min(MAX_PAGES, Math.max(DEFAULT_MAX_PAGES, proportional)),
  };
}
