import { splitAddresses } from '../../../src/taskpane/components/LinkedText';

describe('addresses in messages become links', () => {
  it('the CDC’s support address, without the dot that ends the sentence', () => {
    expect(
      splitAddresses(
        'ouvrez un ticket d’assistance sur https://www.support.moncompteformation.gouv.fr/projects/CERTIF.',
      ),
    ).toEqual([
      { text: 'ouvrez un ticket d’assistance sur ' },
      {
        text: 'https://www.support.moncompteformation.gouv.fr/projects/CERTIF',
        href: 'https://www.support.moncompteformation.gouv.fr/projects/CERTIF',
      },
      { text: '.' },
    ]);
  });

  it('an e-mail address as mailto, and a text without address as it is', () => {
    expect(splitAddresses('Écrivez à support@example.fr (réponse sous 48 h).')).toEqual([
      { text: 'Écrivez à ' },
      { text: 'support@example.fr', href: 'mailto:support@example.fr' },
      { text: ' (réponse sous 48 h).' },
    ]);
    expect(splitAddresses('Rien à renvoyer.')).toEqual([{ text: 'Rien à renvoyer.' }]);
  });
});
