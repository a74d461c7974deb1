import { Button, Input, makeStyles, Tab, TabList, Text, tokens } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import { columnIndex, columnLetter } from '../core/template/layout';
import type { FakeExcel, FakeValue } from '../fake-excel';
import { typeCell } from '../fake-excel/user';
import { demoText } from '../i18n/demo';

/**
 * A plain grid over the demo's in-memory workbook: values as Excel shows them, the fill a user would
 * see (the check's highlights are conditional formats the fake evaluates), and one cell edited at a time.
 */

const MIN_ROWS = 12;
const MIN_COLUMNS = 8;
const MAX_COLUMNS = 60;
const DAY_MS = 86_400_000;

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, minWidth: 0 },
  editor: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center' },
  scroller: {
    overflow: 'auto',
    maxHeight: 'calc(100vh - 220px)',
    border: `1px solid ${tokens.colorNeutralStroke1}`,
  },
  table: { borderCollapse: 'collapse', fontSize: tokens.fontSizeBase200, fontFamily: tokens.fontFamilyBase },
  head: {
    position: 'sticky',
    top: 0,
    backgroundColor: tokens.colorNeutralBackground3,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    padding: '2px 6px',
    fontWeight: tokens.fontWeightSemibold,
  },
  rowHead: {
    backgroundColor: tokens.colorNeutralBackground3,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    padding: '2px 6px',
  },
  cell: {
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    padding: '2px 6px',
    maxWidth: '220px',
    whiteSpace: 'nowrap',
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    cursor: 'cell',
    color: '#000000',
  },
  selected: { outline: `2px solid ${tokens.colorBrandStroke1}`, outlineOffset: '-2px' },
});

/** What Excel shows: dates as dd/mm/yyyy (1900 date system), the rest as typed. */
function shown(value: FakeValue | undefined, numberFormat: string): string {
  if (value === undefined) return '';
  if (typeof value === 'number' && /d|yy/i.test(numberFormat) && numberFormat !== 'General') {
    const date = new Date(Date.UTC(1899, 11, 30) + value * DAY_MS);
    const two = (n: number) => String(n).padStart(2, '0');
    return `${two(date.getUTCDate())}/${two(date.getUTCMonth() + 1)}/${date.getUTCFullYear()}`;
  }
  if (typeof value === 'boolean') return value ? 'VRAI' : 'FAUX';
  return String(value);
}

/** A typed entry as Excel would store it: numbers stay numbers unless the column is text ("@"). */
function typed(text: string, numberFormat: string): FakeValue {
  const trimmed = text.trim();
  if (numberFormat !== '@' && /^-?\d+(,\d+)?$/.test(trimmed)) return Number(trimmed.replace(',', '.'));
  return text;
}

function parseA1(address: string): { row: number; col: number } | undefined {
  const m = /^([A-Z]+)(\d+)$/.exec(address);
  return m ? { row: Number(m[2]) - 1, col: columnIndex(m[1]) } : undefined;
}

export interface SheetGridProps {
  readonly excel: FakeExcel;
  /** Changes whenever the workbook changed (re-render). */
  readonly revision: number;
  readonly onEdited: () => void;
}

export function SheetGrid({ excel, revision, onEdited }: SheetGridProps) {
  const styles = useStyles();
  const model = excel.model;
  const visible = model.sheets.filter((s) => s.visibility === 'Visible');
  const [chosen, setChosen] = useState<string | undefined>();
  const [text, setText] = useState('');
  // The pane's "go to cell" activates a sheet and selects a cell: follow it.
  const selection = model.selection;
  const sheet =
    (selection && model.sheet(selection.sheet)) ??
    (chosen && model.sheet(chosen)) ??
    model.activeSheet ??
    visible[0];
  void revision;
  if (!sheet) return null;
  const selectedAddress = selection?.sheet === sheet.name ? selection.address.split('!')[1] : undefined;
  const used = sheet.usedRect();
  const rows = Math.max(MIN_ROWS, (used?.bottom ?? 0) + 3);
  const columns = Math.min(MAX_COLUMNS, Math.max(MIN_COLUMNS, (used?.right ?? 0) + 2));
  // The cell being edited is the selection, whether the user clicked it or the pane went to it.
  const address = selectedAddress;
  const cell = address ? parseA1(address) : undefined;
  const current = cell
    ? shown(sheet.value(cell.row, cell.col), sheet.format(cell.row, cell.col).numberFormat)
    : '';
  useEffect(() => setText(current), [sheet.name, address, current]);

  const choose = (row: number, col: number) => {
    model.selection = { sheet: sheet.name, address: `${sheet.name}!${columnLetter(col)}${row + 1}` };
    onEdited();
  };
  const apply = () => {
    if (!cell || !address) return;
    typeCell(model, sheet.name, address, typed(text, sheet.format(cell.row, cell.col).numberFormat));
    onEdited();
  };

  return (
    <section className={styles.root} aria-label={demoText.workbook}>
      <TabList
        aria-label={demoText.sheets}
        selectedValue={sheet.name}
        onTabSelect={(_, data) => {
          model.selection = undefined;
          setChosen(String(data.value));
        }}
      >
        {visible.map((s) => (
          <Tab key={s.name} value={s.name}>
            {s.name}
          </Tab>
        ))}
      </TabList>
      <div className={styles.editor}>
        {address ? (
          <>
            <Text>{demoText.cellLabel(address)}</Text>
            <Input
              aria-label={demoText.cellLabel(address)}
              value={text}
              onChange={(_, data) => setText(data.value)}
              onKeyDown={(event) => event.key === 'Enter' && apply()}
            />
            <Button onClick={apply}>{demoText.apply}</Button>
          </>
        ) : (
          <Text>{demoText.noCell}</Text>
        )}
      </div>
      <div className={styles.scroller}>
        <table className={styles.table} data-sheet={sheet.name}>
          <thead>
            <tr>
              <th className={styles.head} />
              {Array.from({ length: columns }, (_, c) => (
                <th key={c} className={styles.head} scope="col">
                  {columnLetter(c)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {Array.from({ length: rows }, (_, r) => (
              <tr key={r}>
                <th className={styles.rowHead} scope="row">
                  {r + 1}
                </th>
                {Array.from({ length: columns }, (_, c) => {
                  const a1 = `${columnLetter(c)}${r + 1}`;
                  const format = sheet.format(r, c);
                  const fill = model.displayedFill(sheet.name, r, c);
                  return (
                    <td
                      key={c}
                      data-cell={a1}
                      data-fill={fill ?? ''}
                      title={sheet.notes.get(a1)}
                      className={`${styles.cell} ${selectedAddress === a1 ? styles.selected : ''}`}
                      style={{
                        backgroundColor: fill ?? '#FFFFFF',
                        fontWeight: format.bold || r === 0 ? 600 : 400,
                        // The cell's own box (the template's parameters to fill in), as Excel draws it.
                        ...(format.borders.EdgeTop?.style === 'Continuous'
                          ? { outline: `2px solid ${format.borders.EdgeTop.color}`, outlineOffset: '-2px' }
                          : {}),
                      }}
                      onClick={() => choose(r, c)}
                    >
                      {shown(sheet.value(r, c), format.numberFormat)}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
