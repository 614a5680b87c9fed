import { commandHelp, parseTicketCommand, withoutCommands } from '../../src/bot/ticket-command.js';

describe('parseTicketCommand', () => {
  it('reads a skip with its reason', () => {
    expect(parseTicketCommand('/ticketlint skip this is a one-day spike')).toEqual({ name: 'skip', reason: 'this is a one-day spike' });
  });

  it('reads commands in any case, on any line, after leading spaces', () => {
    expect(parseTicketCommand('Thanks for asking.\n  /TicketLint RECHECK\nmore words')).toEqual({ name: 'recheck' });
    expect(parseTicketCommand('/ticketlint Help')).toEqual({ name: 'help', unknown: null });
  });

  it('reads explain (or why) as the request for the explanation section', () => {
    expect(parseTicketCommand('/ticketlint explain')).toEqual({ name: 'explain' });
    expect(parseTicketCommand('Hm.\n/ticketlint WHY')).toEqual({ name: 'explain' });
  });

  it('answers an unknown word, or a bare /ticketlint, with help', () => {
    expect(parseTicketCommand('/ticketlint snooze')).toEqual({ name: 'help', unknown: 'snooze' });
    expect(parseTicketCommand('/ticketlint')).toEqual({ name: 'help', unknown: null });
  });

  it('keeps a skip without a reason as an empty reason', () => {
    expect(parseTicketCommand('/ticketlint skip')).toEqual({ name: 'skip', reason: '' });
  });

  it('ignores the command words when they do not start a line, or start a longer word', () => {
    expect(parseTicketCommand('you can write /ticketlint skip to mute it')).toBeNull();
    expect(parseTicketCommand('/ticketlinter skip')).toBeNull();
    expect(parseTicketCommand('Our accountants retype invoices by hand.')).toBeNull();
  });
});

describe('withoutCommands', () => {
  it('removes the command lines and keeps the rest of the comment', () => {
    expect(withoutCommands('The finance team needs it.\n/ticketlint recheck')).toBe('The finance team needs it.');
  });
});

describe('commandHelp', () => {
  it('names every command it understands', () => {
    const help = commandHelp();
    for (const command of ['/ticketlint skip', '/ticketlint recheck', '/ticketlint explain', '/ticketlint help']) expect(help).toContain(command);
  });
});
