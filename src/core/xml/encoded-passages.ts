/**
 * The passages of an export serialized once, as UTF-8, in the order they are written (certification by
 * certification). Everything downstream reads these bytes instead of serializing again: the split counts the
 * bytes as they are produced, the files are the envelope around them, and the XSD validation parts are slices
 * of them. Measured at 100 000 passages: the export serialized every passage 3 times (split measuring pass,
 * file, validation parts), about 4.5 s of main-thread CPU; once costs about 1.5 s.
 *
 * The bytes sit in large blocks (not one array per passage: 100 000 small arrays cost more than their bytes),
 * with, per passage, where its bytes are and how many lines it has (for the source map of XSD errors).
 */

const BLOCK_BYTES = 16 * 1024 * 1024;

export class EncodedPassages {
  private readonly blocks: Uint8Array[] = [];
  private block: Uint8Array = new Uint8Array(0);
  private used = 0;
  private readonly blockOf: number[] = [];
  private readonly startOf: number[] = [];
  private readonly lengthOf: number[] = [];
  private readonly linesOf: number[] = [];
  private readonly encoder = new TextEncoder();
  private total = 0;

  /** Appends the next passage's text; returns its size in UTF-8 bytes. */
  append(text: string): number {
    // encodeInto writes at most 3 bytes per UTF-16 unit.
    if (this.block.length - this.used < text.length * 3) {
      this.block = new Uint8Array(Math.max(BLOCK_BYTES, text.length * 3));
      this.blocks.push(this.block);
      this.used = 0;
    }
    const { written } = this.encoder.encodeInto(text, this.block.subarray(this.used));
    this.blockOf.push(this.blocks.length - 1);
    this.startOf.push(this.used);
    this.lengthOf.push(written);
    this.linesOf.push(countLineBreaks(this.block, this.used, this.used + written));
    this.used += written;
    this.total += written;
    return written;
  }

  /** Passages appended so far. */
  get count(): number {
    return this.lengthOf.length;
  }

  /** UTF-8 bytes of every passage appended so far. */
  get byteLength(): number {
    return this.total;
  }

  /** Lines of passage `index` (its text ends with a line break). */
  lines(index: number): number {
    return this.linesOf[index];
  }

  /** The bytes of passages `from` (included) to `to` (excluded), as few views as their blocks allow. */
  *bytes(from: number, to: number): Generator<Uint8Array> {
    let index = from;
    while (index < to) {
      const block = this.blockOf[index];
      const start = this.startOf[index];
      let end = start + this.lengthOf[index];
      index++;
      while (index < to && this.blockOf[index] === block) end += this.lengthOf[index++];
      yield this.blocks[block].subarray(start, end);
    }
  }
}

/** Line breaks in bytes[from, to): counted on the bytes, since the serializer's text is a rope to flatten. */
function countLineBreaks(bytes: Uint8Array, from: number, to: number): number {
  let count = 0;
  for (let i = from; i < to; i++) if (bytes[i] === 0x0a) count++;
  return count;
}
