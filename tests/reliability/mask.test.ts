import { maskPersonalData } from '../../src/reliability/mask';

it.each([
  ['Min CPR er 010190-1234, hvad gør jeg?', 'Min CPR er [CPR-nummer], hvad gør jeg?'],
  ['cpr 0101901234', 'cpr [CPR-nummer]'],
  ['skriv til jens.hansen@kk.dk eller Jens_H+sikker@example.com', 'skriv til [e-mail] eller [e-mail]'],
  ['ring 12345678', 'ring [telefonnummer]'],
  ['ring +45 12 34 56 78 eller 0045 1234 5678', 'ring [telefonnummer] eller [telefonnummer]'],
  ['ring 12-34-56-78', 'ring [telefonnummer]'],
  ['hvad\u0000 er\u0007 SSP?\tlinje\nto', 'hvad er SSP?\tlinje\nto'],
])('masks %s', (text, masked) => {
  expect(maskPersonalData(text)).toBe(masked);
});

it.each([
  'Hvor mange penge får Exit KK i 2024?',
  'Hvad skete der i 2023 og 2024?',
  'Budgettet er 12.500.000 kr. og 3,4 mio. kr.',
  'Hvad står der i sag 2023-0123456?',
  'Fokusområde 3 og princip 5',
])('leaves %s as it is', (text) => {
  expect(maskPersonalData(text)).toBe(text);
});
