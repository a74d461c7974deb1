import type { Dictionary } from '../../dictionary';
import { fieldName } from '../../i18n/check-messages';
import { foldForMatch } from '../check/normalize';
import type { XsdErrorCode } from '../xsd/types';
import { XSD_ERROR_CLASSES } from '../xsd/xsd-messages';

/**
 * The catalogue of the CDC's messages, with what each means and what to do, in plain French. Functional (KO)
 * messages come from the guide to reading the accusé (V3, p.3–5), XSD-stage ones from the guide to XML errors
 * (V4). Messages are recognised by pattern, accents, case and line breaks aside, because the CDC inserts the
 * BCR and the idTechnique in them and wraps them over lines. Fields are named from the dictionary.
 */

export type CdcMessageCode =
  | 'alreadyRecorded'
  | 'holderAlreadyRecorded'
  | 'certificationKo'
  | 'noHolderMandatory'
  | 'noHolderDayMonth'
  | 'noHolderReconciliation'
  | 'noHolder'
  | 'severalHolders'
  | 'validityDates'
  | 'unknown';

export interface CdcMessageExplanation {
  readonly code: CdcMessageCode;
  /** True when the CDC has the passage in its base despite the KO ("existe déjà en base"). */
  readonly accepted: boolean;
  /** What the message means, in plain French. */
  readonly explanation: string;
  /** What to do about it. */
  readonly action: string;
  /** Dictionary ids of the cells to look at. */
  readonly fields: readonly string[];
  /**
   * The cells the message points at, where the pane marks the rejection (« jour et mois » → the day and month of
   * birth, « commune » → the commune's code and name, the reconciliation criteria → the identity); empty when the
   * message says nothing more precise than « this passage » (the whole row is then marked).
   */
  readonly focus: readonly string[];
}

interface CatalogueEntry {
  readonly code: CdcMessageCode;
  /** Tested against the folded message (lower case, no accents, single spaces, no apostrophes). */
  readonly pattern: RegExp;
  readonly accepted: boolean;
  readonly fields: readonly string[];
  /** The cells the message itself points at; default: `fields`. */
  readonly focus?: readonly string[];
  readonly explanation: string;
  readonly action: (names: (ids: readonly string[]) => string) => string;
}

const IDENTITY = ['8.1', '8.3', '8.9', '8.6'];
const BIRTH_DAY = ['8.8', '8.7'];
const BIRTH_PLACE = ['8.10', '8.11', '8.12', '8.13', '8.14'];
/** Code INSEE and name of the commune of birth. */
const COMMUNE = ['8.10', '8.12'];

/** Most specific first: the first pattern that matches wins. */
const CATALOGUE: readonly CatalogueEntry[] = [
  {
    code: 'alreadyRecorded',
    pattern: /passage certification .*existe deja en base/,
    accepted: true,
    fields: ['5.1'],
    explanation:
      'La CDC a déjà enregistré un passage avec cet identifiant technique (envoyé dans un fichier précédent) : ' +
      'il est dans sa base, le passage compte comme accepté.',
    action: () =>
      'Rien à renvoyer. Si ce passage est en réalité une autre personne ou un autre examen, donnez-lui un nouvel ' +
      'identifiant technique unique et renvoyez-le.',
  },
  {
    code: 'holderAlreadyRecorded',
    pattern: /existe deja en base/,
    accepted: true,
    fields: ['5.1'],
    explanation:
      'La CDC indique que ces données existent déjà dans sa base : le passage compte comme accepté.',
    action: () => 'Rien à renvoyer.',
  },
  {
    code: 'certificationKo',
    pattern: /statut de la certification .*est ko/,
    accepted: false,
    fields: ['4.1', '4.2'],
    focus: ['4.2', '4.1'],
    explanation:
      'La certification déclarée n’est pas reconnue : le code n’existe pas, est mal écrit (par ex. 1710 au lieu de ' +
      'RS1710) ou ne correspond pas au type (par ex. type RS avec un code RNCP).',
    action: (names) =>
      `Vérifiez ${names(['4.2'])} avec son préfixe (RNCP… ou RS…) sur France compétences, et que ` +
      `${names(['4.1'])} correspond, puis renvoyez le passage.`,
  },
  {
    code: 'noHolderDayMonth',
    pattern: /aucun titulaire ne correspond .*jour et du mois/,
    accepted: false,
    fields: [...BIRTH_DAY, ...IDENTITY],
    focus: ['8.7', '8.8'],
    explanation:
      'Plusieurs personnes correspondent au nom de naissance, au prénom, au sexe et à l’année de naissance, mais ' +
      'aucune avec ce jour et ce mois de naissance.',
    action: (names) =>
      `Vérifiez ${names(BIRTH_DAY)} (un jour et un mois inversés sont fréquents), puis ${names(IDENTITY)}, ` +
      'avec une pièce d’identité du titulaire, et renvoyez le passage.',
  },
  {
    code: 'noHolderReconciliation',
    pattern: /aucun titulaire ne correspond .*reconciliation/,
    accepted: false,
    fields: [...BIRTH_PLACE, ...BIRTH_DAY, ...IDENTITY],
    focus: IDENTITY,
    explanation:
      'Plusieurs personnes correspondent à l’état civil (nom de naissance, prénom, sexe, date de naissance), mais ' +
      'aucune avec la commune de naissance et les autres données transmises.',
    action: (names) =>
      `Vérifiez la commune de naissance : ${names(['8.10', '8.11'])} (le code INSEE n’est pas le code postal), ` +
      `${names(['8.12'])}, et pour une naissance à l’étranger ${names(['8.13'])} ; puis renvoyez le passage.`,
  },
  {
    code: 'noHolderMandatory',
    pattern: /aucun titulaire ne correspond aux criteres obligatoires$/,
    accepted: false,
    fields: IDENTITY,
    explanation:
      'Personne ne correspond au nom de naissance, au prénom, au sexe et à l’année de naissance transmis ' +
      '(les accents ne comptent pas, les tirets des prénoms composés si).',
    action: (names) =>
      `Vérifiez ${names(IDENTITY)} avec une pièce d’identité : nom de naissance et non nom d’usage, premier ` +
      'prénom de l’état civil avec ses tirets (Jean-François). Corrigez puis renvoyez le passage.',
  },
  {
    code: 'noHolder',
    pattern: /aucun titulaire ne correspond/,
    accepted: false,
    fields: [...IDENTITY, ...BIRTH_DAY, ...BIRTH_PLACE],
    explanation: 'La CDC n’a trouvé aucune personne correspondant à l’état civil transmis.',
    action: (names) =>
      `Vérifiez avec une pièce d’identité ${names(['8.1', '8.3'])}, ${names(BIRTH_DAY)} et ${names(['8.6'])}, ` +
      `le sexe, et la commune de naissance (${names(['8.10', '8.11'])}). Corrigez puis renvoyez le passage.`,
  },
  {
    code: 'severalHolders',
    pattern: /plusieurs titulaires ont ete identifies/,
    accepted: false,
    fields: [...BIRTH_DAY, ...BIRTH_PLACE, '8.4', '8.5'],
    focus: BIRTH_DAY,
    explanation: 'Plusieurs personnes correspondent aux données transmises : la CDC ne peut pas choisir.',
    action: (names) =>
      `Complétez ce qui manque pour distinguer le titulaire : ${names(BIRTH_DAY)}, commune de naissance ` +
      `(${names(['8.10', '8.11'])}), ${names(['8.4', '8.5'])}. Puis renvoyez le passage.`,
  },
  {
    code: 'validityDates',
    pattern: /date de fin de validite est inferieure/,
    accepted: false,
    fields: ['5.10', '5.11', '5.6', '5.7'],
    focus: ['5.10', '5.11'],
    explanation: 'Une date de fin est antérieure à la date de début correspondante.',
    action: (names) =>
      `Corrigez ${names(['5.10', '5.11'])}, ou ${names(['5.6', '5.7'])} : la fin doit être égale ou postérieure au ` +
      'début. Puis renvoyez le passage.',
  },
];

const UNKNOWN_ACTION =
  'Lisez le message de la CDC ci-contre et corrigez le passage en conséquence. Si le message n’est pas clair, ' +
  'consultez le guide de lecture de l’accusé de traitement ou ouvrez un ticket d’assistance sur ' +
  'https://www.support.moncompteformation.gouv.fr/projects/CERTIF.';

/** Folded for matching: also drops apostrophes, which the CDC types both ways. */
function fold(message: string): string {
  return foldForMatch(message).replace(/[\s.]+$/, '');
}

export function explainCdcMessage(message: string, dictionary: Dictionary): CdcMessageExplanation {
  const folded = fold(message);
  const names = (ids: readonly string[]) => ids.map((id) => fieldName(dictionary.field(id))).join(', ');
  const entry = CATALOGUE.find((e) => e.pattern.test(folded));
  if (!entry) {
    return {
      code: 'unknown',
      accepted: false,
      explanation: 'La CDC a rejeté ce passage avec un message que cet outil ne connaît pas encore.',
      action: UNKNOWN_ACTION,
      fields: [],
      focus: /commune/.test(folded) ? COMMUNE : [],
    };
  }
  return {
    code: entry.code,
    accepted: entry.accepted,
    explanation: entry.explanation,
    action: entry.action(names),
    fields: entry.fields,
    // A message that names the commune points there, whatever its kind.
    focus: /commune/.test(folded) ? COMMUNE : (entry.focus ?? entry.fields),
  };
}

/**
 * XSD-stage messages of the CDC's report are Xerces' French messages, not reworded by the CDC ([ERR] p.3):
 * each is sorted into the guide's error classes by its cvc code or its wording.
 */
const XSD_CLASSES: readonly {
  readonly pattern: RegExp;
  readonly code: XsdErrorCode;
  readonly action: string;
}[] = [
  {
    pattern: /cvc-elt\.1/,
    code: 'xsdVersion',
    action:
      'Le fichier ne suit pas la version du format attendue par la CDC. Refaites l’export avec la dernière version ' +
      'de l’outil ; si la CDC a publié un nouveau format, chargez-le (options avancées du volet) pour vérifier l’export avant de le déposer.',
  },
  {
    pattern: /cvc-length-valid|cvc-minlength-valid|cvc-maxlength-valid/,
    code: 'tooLong',
    action: 'Une valeur n’a pas la longueur attendue : corrigez la cellule indiquée puis refaites l’export.',
  },
  {
    pattern: /cvc-enumeration-valid/,
    code: 'enumeration',
    action: 'Une valeur ne fait pas partie de la liste autorisée : choisissez-la dans la liste déroulante.',
  },
  {
    pattern: /cvc-pattern-valid|cvc-type\.3\.1\.3|cvc-datatype-valid|cvc-(?:min|max)inclusive-valid/,
    code: 'badFormat',
    action:
      'Une valeur n’a pas le format attendu (date, nombre…) : corrigez la cellule indiquée puis refaites l’export.',
  },
  {
    pattern: /cvc-complex-type\.2\.4\.b/,
    code: 'missing',
    action: 'Une donnée obligatoire manque : remplissez la cellule indiquée puis refaites l’export.',
  },
  {
    pattern: /cvc-complex-type\.2\.4\.d/,
    code: 'exclusiveChoice',
    action:
      'Deux données qui s’excluent sont présentes (par ex. code INSEE et code postal de naissance) : ' +
      'gardez-en une seule puis refaites l’export.',
  },
  {
    pattern: /cvc-complex-type\.2\.4\.a|cvc-complex-type\.2\.3/,
    code: 'unexpected',
    action:
      'Le fichier contient une donnée non prévue par le format de la CDC : refaites l’export sans modifier le fichier.',
  },
  {
    pattern: /commentaires/,
    code: 'forbiddenComment',
    action: 'Le fichier a été modifié à la main : refaites l’export et déposez-le sans l’ouvrir.',
  },
  {
    pattern: /la version est obligatoire/,
    code: 'xmlVersionMissing',
    action: 'La déclaration XML a été modifiée : refaites l’export et déposez-le sans l’ouvrir.',
  },
  {
    pattern: /version xml .*n.est pas prise en charge/,
    code: 'xmlVersion',
    action: 'La déclaration XML a été modifiée : refaites l’export et déposez-le sans l’ouvrir.',
  },
  {
    pattern: /balise de fin/,
    code: 'closingTagMissing',
    action: 'Le fichier est incomplet ou a été modifié : refaites l’export et déposez-le sans l’ouvrir.',
  },
  {
    pattern: /specifications d.attribut/,
    code: 'unclosedTag',
    action: 'Le fichier est incomplet ou a été modifié : refaites l’export et déposez-le sans l’ouvrir.',
  },
];

export interface XsdReceiptExplanation {
  readonly code: XsdErrorCode;
  /** Title of the class in the CDC guide, e.g. "Donnée absente". */
  readonly title: string;
  readonly action: string;
}

export function explainXsdReceiptMessage(message: string): XsdReceiptExplanation {
  const lowered = message
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
  const entry = XSD_CLASSES.find((c) => c.pattern.test(lowered));
  const code = entry?.code ?? 'malformedXml';
  return {
    code: entry ? code : 'invalid',
    title: entry ? XSD_ERROR_CLASSES[code] : XSD_ERROR_CLASSES.invalid,
    action:
      entry?.action ??
      'Le fichier déposé a été refusé au contrôle de format de la CDC : refaites l’export avec l’outil et déposez-le sans le modifier.',
  };
}

/** Every text of the catalogue (explanations, actions), for the test that keeps them in plain French. */
export function catalogueTexts(dictionary: Dictionary): string[] {
  const names = (ids: readonly string[]) => ids.map((id) => fieldName(dictionary.field(id))).join(', ');
  return [
    ...CATALOGUE.flatMap((e) => [e.explanation, e.action(names)]),
    UNKNOWN_ACTION,
    ...XSD_CLASSES.map((c) => c.action),
    ...Object.values(XSD_ERROR_CLASSES),
    explainXsdReceiptMessage('').action,
  ];
}
