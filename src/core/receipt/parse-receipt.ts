import { decodeXmlBytes, readGuardedXml, XmlGuardStop, type XmlReadLimits } from './xml-guard';
import { receiptErrorMessage, receiptWarning } from '../../i18n/receipt-messages';
import type {
  ParseReceiptResult,
  Receipt,
  ReceiptErrorCode,
  ReceiptRejection,
  ReceiptXsdError,
} from './types';

/**
 * Reads an accusé de traitement leniently, as SPEC-NOTES §c advises: with or without the (unused) rapport
 * namespace, idFlux/idTraitement or the older idDemande, `PassagesKO` or `passagesKO`, messages wrapped over
 * several lines. Anything else than a rapport is refused with a French message that says what the file is.
 */

export const RECEIPT_LIMITS: XmlReadLimits & { readonly maxTextLength: number } = {
  // A real accusé is a few hundred bytes per passage: 50 MB is some 200 000 passages, and refuses anything absurd.
  maxBytes: 50 * 1024 * 1024,
  // rapport/PassagesKO/passage/messageErreur is 4 deep; a little room for unknown wrappers.
  maxDepth: 12,
  maxElements: 2_000_000,
  // The longest CDC message is ~200 characters; longer text is cut (and said so), not kept whole.
  maxTextLength: 4000,
};

/** Namespaces a rapport's elements may use: none (the usual case) or the rapport schema's. */
const RAPPORT_NAMESPACE = /^urn:cdc:cpf:pc5:rapport(?::|$)/;
const FLUX_NAMESPACE = /^urn:cdc:cpf:pc5:schema:/;

type Leaf =
  | 'fileName'
  | 'idFlux'
  | 'idTraitement'
  | 'idDemande'
  | 'koId'
  | 'koMessage'
  | 'okId'
  | 'errType'
  | 'errMessage'
  | 'errLine'
  | 'errColumn';

/** Element paths below rapport (lower-cased local names) → what their text is. */
const LEAVES: ReadonlyMap<string, Leaf> = new Map([
  ['nomfichier', 'fileName'],
  ['idflux', 'idFlux'],
  ['idtraitement', 'idTraitement'],
  ['iddemande', 'idDemande'],
  ['passagesko/passage/idtechnique', 'koId'],
  ['passagesko/passage/messageerreur', 'koMessage'],
  ['passagesok/idtechnique', 'okId'],
  // Not seen in samples, but a natural variant: OK passages wrapped like KO ones.
  ['passagesok/passage/idtechnique', 'okId'],
  ['erreurs/erreur/type', 'errType'],
  ['erreurs/erreur/message', 'errMessage'],
  ['erreurs/erreur/ligne', 'errLine'],
  ['erreurs/erreur/colonne', 'errColumn'],
]);

export function parseReceipt(
  input: string | Uint8Array,
  limits: Partial<typeof RECEIPT_LIMITS> = {},
): ParseReceiptResult {
  const max = { ...RECEIPT_LIMITS, ...limits };
  const fail = (
    code: ReceiptErrorCode,
    params: Record<string, string | number> = {},
  ): ParseReceiptResult => ({
    ok: false,
    code,
    message: receiptErrorMessage(code, params),
  });
  const size = typeof input === 'string' ? input.length : input.byteLength;
  if (size > max.maxBytes) return fail('tooLarge', { size, limit: max.maxBytes });
  let text: string;
  if (typeof input === 'string') text = input;
  else {
    const decoded = decodeXmlBytes(input);
    if ('error' in decoded) return fail(decoded.error, { encoding: decoded.encoding ?? '' });
    text = decoded.text;
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.trim() === '') return fail('empty');

  const state = new ReceiptBuilder(max.maxTextLength);
  let rootProblem: { code: ReceiptErrorCode; params: Record<string, string> } | undefined;
  const failure = readGuardedXml(text, max, {
    open(tag, depth) {
      if (depth === 1) {
        rootProblem = rootCheck(tag.local, tag.uri);
        // Stop at once: nothing below a foreign root is worth reading.
        if (rootProblem) throw new XmlGuardStop({ code: 'notXml', detail: 'root', line: 0 });
      }
      state.open(tag.local, tag.uri);
    },
    close() {
      state.close();
    },
    text(value) {
      state.text(value);
    },
  });
  if (rootProblem) return fail(rootProblem.code, rootProblem.params);
  if (failure) {
    if (failure.code === 'notXml') return fail('notXml', { detail: failure.detail, line: failure.line });
    if (failure.code === 'doctype') return fail('doctype');
    return fail(failure.code, { limit: failure.limit });
  }
  return state.result() ?? fail('noContent');
}

function rootCheck(
  local: string,
  uri: string,
): { code: ReceiptErrorCode; params: Record<string, string> } | undefined {
  if (FLUX_NAMESPACE.test(uri) || local === 'flux') return { code: 'fluxNotReceipt', params: {} };
  if (local !== 'rapport') return { code: 'notAReceipt', params: { root: local } };
  if (uri !== '' && !RAPPORT_NAMESPACE.test(uri))
    return { code: 'wrongNamespace', params: { namespace: uri } };
  return undefined;
}

/** Accumulates the rapport as its elements stream by. */
class ReceiptBuilder {
  private readonly path: string[] = [];
  private leaf: Leaf | undefined;
  private buffer = '';
  private truncated = false;
  private readonly header: Partial<Record<'fileName' | 'idFlux' | 'idTraitement' | 'idDemande', string>> = {};
  private readonly rejected: ReceiptRejection[] = [];
  private readonly accepted: string[] = [];
  private readonly errors: ReceiptXsdError[] = [];
  private current: Partial<Record<Leaf, string>> = {};
  private sawPassages = false;
  private sawErrors = false;
  private readonly warnings: string[] = [];
  private ignoredForeign = 0;

  constructor(private readonly maxText: number) {}

  open(local: string, uri: string): void {
    // Elements of a foreign namespace inside a rapport are not the CDC's: count them out, never misread them.
    const foreign = uri !== '' && !RAPPORT_NAMESPACE.test(uri);
    const name = foreign ? `\u0000${local}` : local.toLowerCase();
    if (foreign) this.ignoredForeign++;
    this.path.push(name);
    const below = this.path.slice(1).join('/');
    if (below === 'passagesko' || below === 'passagesok') this.sawPassages = true;
    if (below === 'erreurs') this.sawErrors = true;
    if (below === 'passagesko/passage' || below === 'erreurs/erreur' || below === 'passagesok/passage')
      this.current = {};
    this.leaf = LEAVES.get(below);
    this.buffer = '';
    this.truncated = false;
  }

  text(value: string): void {
    if (this.leaf === undefined || this.truncated) return;
    if (this.buffer.length + value.length > this.maxText) {
      this.buffer += value.slice(0, this.maxText - this.buffer.length);
      this.truncated = true;
      this.warnings.push(receiptWarning('textCut', { limit: this.maxText }));
      return;
    }
    this.buffer += value;
  }

  close(): void {
    const below = this.path.slice(1).join('/');
    if (this.leaf !== undefined) {
      const value = this.buffer.replace(/\s+/g, ' ').trim() + (this.truncated ? '…' : '');
      this.store(this.leaf, value);
    }
    if (below === 'passagesko/passage') this.endRejection();
    if (below === 'erreurs/erreur') this.endError();
    this.leaf = undefined;
    this.buffer = '';
    this.path.pop();
  }

  private store(leaf: Leaf, value: string): void {
    switch (leaf) {
      case 'fileName':
      case 'idFlux':
      case 'idTraitement':
      case 'idDemande':
        if (this.path.length === 2) this.header[leaf] = value;
        return;
      case 'okId':
        if (value !== '') this.accepted.push(value);
        else this.warnings.push(receiptWarning('emptyOkId'));
        return;
      default:
        this.current[leaf] = value;
    }
  }

  private endRejection(): void {
    const idTechnique = this.current.koId ?? '';
    const message = this.current.koMessage ?? '';
    if (idTechnique === '') this.warnings.push(receiptWarning('koWithoutId', { message }));
    else this.rejected.push({ idTechnique, message });
  }

  private endError(): void {
    const number = (text: string | undefined) => {
      const n = text !== undefined && /^\d+$/.test(text) ? Number(text) : undefined;
      return n !== undefined && Number.isSafeInteger(n) ? n : undefined;
    };
    const line = number(this.current.errLine);
    const column = number(this.current.errColumn);
    this.errors.push({
      type: this.current.errType ?? '',
      message: this.current.errMessage ?? '',
      ...(line !== undefined ? { line } : {}),
      ...(column !== undefined ? { column } : {}),
    });
  }

  result(): ParseReceiptResult | undefined {
    const defined = Object.fromEntries(
      Object.entries(this.header).filter(([, v]) => v !== undefined && v !== ''),
    );
    if (this.ignoredForeign > 0)
      this.warnings.push(receiptWarning('foreignElements', { count: this.ignoredForeign }));
    let receipt: Receipt;
    if (this.sawErrors && this.errors.length > 0) {
      if (this.sawPassages && this.rejected.length + this.accepted.length > 0) {
        this.warnings.push(receiptWarning('bothSections'));
      }
      const { idFlux: _ignored, ...rest } = defined;
      receipt = { kind: 'xsdRejection', ...rest, errors: this.errors };
    } else if (this.sawPassages) {
      receipt = { kind: 'functional', ...defined, rejected: this.rejected, accepted: this.accepted };
    } else {
      return undefined;
    }
    return { ok: true, receipt, warnings: [...new Set(this.warnings)] };
  }
}
