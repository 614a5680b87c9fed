import fc from 'fast-check';
import { makeTicket } from '../../../src/domain/ticket.js';
import { detectLanguage } from '../../../src/lint/language/detect-language.js';
import { lint } from '../../../src/lint/lint.js';
import { verdictToJson } from '../../../src/lint/verdict.js';
import { TicketText } from '../../../src/lint/ticket-text.js';
import { loadPack } from '../../../src/packs/load-pack.js';

const pack = loadPack('product-sense');
const languageOf = (title: string, body = ''): string => detectLanguage(TicketText.of(title, body)).language;

describe('detectLanguage', () => {
  it.each([
    ['de', 'CSV-Export für Rechnungen', ''],
    ['de', 'Rechnungen als PDF exportieren', 'Die Buchhaltung braucht jeden Monat alle Rechnungen als PDF, und das geht heute nur einzeln.'],
    ['fr', 'Export des factures en CSV', 'Les comptables doivent ressaisir les factures dans leur outil, ce qui prend deux jours.'],
    ['es', 'Exportar facturas a CSV', 'Los contadores necesitan las facturas cada mes para el cierre, y hoy es muy lento.'],
    ['pt', 'Exportar faturas em CSV', 'Os contadores precisam das faturas todo mês para o fechamento, e isso não é fácil hoje.'],
    ['other', 'Экспорт счетов в CSV', 'Бухгалтерам нужно выгружать счета каждый месяц.'],
  ])('reads %s in "%s"', (language, title, body) => {
    expect(languageOf(title, body)).toBe(language);
  });

  it.each([
    ['CSV export', ''],
    ['Add CSV export', ''],
    ['Okta SSO', ''],
    ['CSV-Export für Rechnungen', 'Finance admins retype every invoice into their accounting tool each month, which takes two days.'],
    ['Add la carte pricing', 'Customers want to pick the modules they pay for.'],
    ['Schedule digest in EST', ''],
    ['Parser crashes on de_DE locale', 'Calling `parse("1.234,5", "de_DE")` throws. It should return the number.'],
    ['Support the MIT licence header', ''],
    [
      'Customer quotes in the import log',
      'The import log shows the raw line, e.g. "Der Kunde ist nicht gefunden", which is what the customer typed. We should show it as it is.',
    ],
  ])('reads "%s" as English', (title, body) => {
    expect(languageOf(title, body)).toBe('en');
  });

  it('does not read code or identifiers as words: only the prose of an English ticket counts', () => {
    const body = [
      'The export fails when the locale is set:',
      '```',
      'const die = la.des(der, und, pour, para);',
      'für_alle = el.los(las) ; o.os = e',
      '```',
      'It worked before the upgrade. See der.und.com/la/les and `la`, `der`, `und`.',
    ].join('\n');
    expect(languageOf('Export fails with a custom locale', body)).toBe('en');
  });

  it('reads mixed tickets by which language carries the prose', () => {
    expect(languageOf('Add CSV export', 'Wir brauchen den Export für die Buchhaltung, weil die Rechnungen sonst von Hand übertragen werden müssen.')).toBe('de');
    expect(languageOf('Export der Rechnungen', 'We need this for the finance team, because they retype every invoice by hand and it takes them a day.')).toBe('en');
  });

  it('reads any text in time linear in its length, and never throws', () => {
    fc.assert(fc.property(fc.string({ maxLength: 300 }), fc.string({ maxLength: 3000 }), (title, body) => {
      expect(typeof languageOf(title, body)).toBe('string');
    }), { numRuns: 200 });
    const long = 'für die '.repeat(20_000);
    const started = performance.now();
    expect(languageOf(long, long)).toBe('de');
    expect(performance.now() - started).toBeLessThan(2000);
  });
});

describe('lint on a ticket not in English', () => {
  it('says "not judged: language" and flags nothing, where an English ticket of the same shape is flagged', () => {
    const german = lint(makeTicket({ id: 'T-1', title: 'CSV-Export für Rechnungen' }), pack);
    expect(german.findings).toEqual([]);
    expect(german.questions).toEqual([]);
    expect(german.notJudged).toEqual({ reason: 'language', language: 'de' });
    expect(verdictToJson(german)).toMatchObject({ notJudged: 'language (de)', findings: [] });

    const english = lint(makeTicket({ id: 'T-2', title: 'CSV export for invoices' }), pack);
    expect(english.notJudged).toBeNull();
    expect(english.findings.map((f) => f.rule)).toContain('output-only');
  });

  it.each([
    ['fr', 'Ajouter un export CSV pour les factures'],
    ['es', 'Añadir exportación a CSV para las facturas del mes'],
    ['pt', 'Adicionar exportação em CSV, porque não é possível hoje'],
  ])('leaves a %s ticket alone', (language, title) => {
    expect(lint(makeTicket({ id: 'T', title }), pack)).toMatchObject({ notJudged: { reason: 'language', language }, findings: [] });
  });

  it('judges an English ticket with code in it', () => {
    const verdict = lint(makeTicket({ id: 'T', title: 'Add `exportar_facturas()` to the SDK', description: 'Call it as `la.des(der)`.' }), pack);
    expect(verdict.notJudged).toBeNull();
  });
});
