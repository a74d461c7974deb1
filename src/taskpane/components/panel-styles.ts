import { makeStyles, tokens } from '@fluentui/react-components';

/** Styles shared by the pane's panels (round trip, imports). */
export const usePanelStyles = makeStyles({
  section: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingVerticalS,
    borderRadius: tokens.borderRadiusMedium,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
  title: {
    margin: 0,
    fontSize: tokens.fontSizeBase400,
    fontWeight: tokens.fontWeightSemibold,
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}` },
  },
  subtitle: { margin: 0, fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold },
  advanced: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  hidden: { display: 'none' },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL, fontSize: tokens.fontSizeBase200 },
  // Fixed layout: a drop-down sized by its longest option would otherwise widen the pane past 360 px.
  table: {
    width: '100%',
    tableLayout: 'fixed',
    borderCollapse: 'collapse',
    fontSize: tokens.fontSizeBase200,
  },
  headerCell: { width: '38%' },
  cell: {
    padding: tokens.spacingVerticalXXS,
    verticalAlign: 'top',
    textAlign: 'left',
    overflowWrap: 'anywhere',
  },
  select: { minWidth: 0, width: '100%' },
  selectInput: { minWidth: 0, width: '100%', textOverflow: 'ellipsis' },
});

/** The card at the top of the pane (the welcome, or the next step and the verdict): its frame, heading and buttons. */
export const useCardStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingVerticalM,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  heading: {
    margin: 0,
    fontSize: tokens.fontSizeBase500,
    lineHeight: tokens.lineHeightBase500,
    fontWeight: tokens.fontWeightSemibold,
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}` },
  },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
});
