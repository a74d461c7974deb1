import { buildTemplateLayout } from '../../../src/core/template/layout';
import {
  parseTemplateVersion,
  planTemplateUpgrade,
  templateVersionText,
  type TemplateSnapshot,
} from '../../../src/core/template/template-version';
import { DICTIONARY } from '../../support/dictionary';

const layout = buildTemplateLayout(DICTIONARY);
const allSheets = ['Paramètres', 'Passages', 'DIGCOMP', 'Historique', 'Listes'];
const header = [...layout.passages.columns, ...layout.passages.trackingColumns].map((c) => c.header);
const parameterRows = [
  [],
  [],
  [],
  [],
  [],
  ['Version du modèle (ne pas modifier)', templateVersionText(layout)],
];

function snapshot(change: Partial<TemplateSnapshot> = {}): TemplateSnapshot {
  return {
    sheets: allSheets,
    parameterRows,
    passages: {
      headerRow: 1,
      header,
      hasData: true,
      table: { name: 'TablePassages', firstColumn: 0, lastColumn: header.length - 1 },
    },
    digcomp: { headerRow: 1, header: layout.digcomp.columns.map((c) => c.header), hasData: false },
    listsHeader: [],
    ...change,
  };
}

describe('version cell', () => {
  it('reads the current text, the first templates’ bare schema version, and nothing else', () => {
    expect(parseTemplateVersion('modèle 2 – XSD 1.1.2')).toMatchObject({
      templateVersion: 2,
      schemaVersion: '1.1.2',
    });
    expect(parseTemplateVersion('1.1.2')).toMatchObject({ templateVersion: 1, schemaVersion: '1.1.2' });
    expect(parseTemplateVersion('à voir')).toEqual({ text: 'à voir' });
    expect(parseTemplateVersion(null)).toEqual({});
  });
});

describe('upgrade plan', () => {
  it('finds nothing to do in a current template', () => {
    expect(planTemplateUpgrade(snapshot(), layout).status).toBe('current');
  });

  it('adds missing round-trip columns after the last header of a plain range', () => {
    const short = header.slice(0, layout.passages.columns.length);
    const plan = planTemplateUpgrade(
      snapshot({ passages: { headerRow: 1, header: short, hasData: true } }),
      layout,
    );
    expect(plan.status).toBe('upgrade');
    expect(plan.columns.map((c) => [c.index, c.header])).toEqual(
      layout.passages.trackingColumns.map((c, i) => [short.length + i, c.header]),
    );
  });

  it('refuses a newer template and another schema, changing nothing', () => {
    const newer = planTemplateUpgrade(
      snapshot({ parameterRows: [[], [], [], [], [], ['Version du modèle', 'modèle 3 – XSD 1.1.2']] }),
      layout,
    );
    expect(newer.refusals.map((r) => r.code)).toEqual(['newer-template']);
    const other = planTemplateUpgrade(
      snapshot({ parameterRows: [[], [], [], [], [], ['Version du modèle', 'modèle 2 – XSD 1.2.0']] }),
      layout,
    );
    expect(other.status).toBe('refused');
    expect(other.refusals[0].message).toMatch(/version 1\.2\.0 du format de la CDC/);
  });

  it('refuses two columns for one field', () => {
    const plan = planTemplateUpgrade(
      snapshot({ passages: { headerRow: 1, header: [...header, 'Nom (8.1)'], hasData: true } }),
      layout,
    );
    expect(plan.refusals.map((r) => r.code)).toEqual(['duplicate-column']);
  });

  it('lists the missing sheets, DIGCOMP included', () => {
    const plan = planTemplateUpgrade(
      snapshot({ sheets: ['Paramètres', 'Passages', 'Listes'], digcomp: undefined }),
      layout,
    );
    expect(plan.missingSheets).toEqual(['DIGCOMP', 'Historique']);
  });
});
