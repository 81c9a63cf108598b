// Dates as words (dates.ts): every way of writing one date gives the same word.
import { dateParts, dateWord, isDateWord, markDates } from '../../src/answering/dates';

const words = (text: string) => markDates(text).split(/\s+/).filter(isDateWord);

describe('dates as words', () => {
  it('writes a day the same however it is written', () => {
    for (const text of ['19. januar 2010', 'den 19 jan. 2010', '19. januar, 2010', 'January 19, 2010', '19th of January 2010', '19/1-2010', '19/1 2010', '19.1.2010', '2010-01-19'])
      expect(words(text)).toEqual(['d20100119']);
    expect(dateWord('2010-01-19')).toBe('d20100119');
  });

  it('writes a month with its year, and a day without its year', () => {
    expect(words('i marts 2018')).toEqual(['m201803']);
    expect(words('in March 2018')).toEqual(['m201803']);
    expect(dateWord('2010-02')).toBe('m201002');
    expect(words('den 13. april')).toEqual(['d0413']);
  });

  it('writes a season with its year, in Danish and English, with or without æøå', () => {
    for (const text of ['i efteråret 2019', 'efteraaret 2019', 'Efteraret 2019', 'in the autumn of 2019', 'fall 2019']) expect(words(text)).toEqual(['s20193']);
    expect(words('i sommeren 2009')).toEqual(['s20092']);
    expect(words('the spring of 2010')).toEqual(['s20101']);
  });

  it('gives a day its month, its day without the year and its season as parts, and a month its season', () => {
    expect(dateParts('d20100119')).toEqual(['d0119', 'm201001', 's20104']);
    expect(dateParts('m201910')).toEqual(['s20193']);
    expect(dateParts('s20193')).toEqual([]);
  });

  it('leaves numbers that are no dates alone', () => {
    for (const text of ['Sagsnr. 2010-19986', '1/3 af midlerne i 2023', '1,5 mio. kr. i 2024', 'strategien 2022-2025', 'kl. 16.30']) expect(words(text)).toEqual([]);
    expect(dateWord('2024')).toBeUndefined();
  });
});
