import type { Dictionary, FieldDef } from '../dictionary/index';

/** The dictionary as a French Markdown table, for docs/dictionnaire.md (generated, never edited by hand). */

const STATUS_LABELS: Record<FieldDef['status'], string> = {
  required: 'Obligatoire',
  requiredOrNil: 'Obligatoire sauf nil',
  optional: 'Facultatif',
};

const KIND_LABELS: Record<FieldDef['kind'], string> = {
  string: 'Texte',
  int: 'Nombre entier',
  boolean: 'Oui / Non',
  date: 'Date',
  dateTime: 'Date et heure',
  enum: 'Liste',
};

function format(field: FieldDef): string {
  const parts = [KIND_LABELS[field.kind]];
  if (field.length !== undefined) parts.push(`${field.length} caractère(s) exactement`);
  else if (field.maxLength !== undefined)
    parts.push(`${field.minLength ?? 0} à ${field.maxLength} caractères`);
  if (field.minInclusive !== undefined) parts.push(`de ${field.minInclusive} à ${field.maxInclusive}`);
  const list = field.enumeration ?? field.suggestions;
  if (list && field.kind !== 'boolean') {
    parts.push(
      `${field.enumeration ? 'valeurs' : 'suggestions'} : ${list.map((v) => `${v.label} (\`${v.code}\`)`).join(', ')}`,
    );
  }
  return parts.join(' ; ');
}

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function dictionaryMarkdown(dictionary: Dictionary): string {
  const rows = dictionary.fields.map((f) => {
    const where =
      f.scope === 'notInSchema'
        ? '(absent du XSD : non envoyé)'
        : `\`${dictionary.placement(f.id).path.slice(1).join('/')}\``;
    return `| ${f.id} | ${cell(f.label)} | ${where} | ${cell(format(f))} | ${STATUS_LABELS[f.status]}${f.nillable ? ' (nil si vide)' : ''} | ${cell([f.help, f.condition ?? ''].filter(Boolean).join(' '))} |`;
  });
  return [
    `# Dictionnaire des données (XSD ${dictionary.schema.version})`,
    '',
    `Généré depuis \`src/dictionary\` (ne pas modifier à la main : \`UPDATE_DOCS=1 npx jest test/docs\`).`,
    `Espace de noms \`${dictionary.schema.namespace}\`, préfixe \`${dictionary.schema.prefix}\`.`,
    '',
    '| Id | Donnée | Balise XML (sous `cpf:flux`) | Format | Caractère | Aide |',
    '|---|---|---|---|---|---|',
    ...rows,
    '',
  ].join('\n');
}
