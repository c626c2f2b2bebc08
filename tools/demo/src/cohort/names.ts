import { Random } from './random';

interface NamePool {
  given: readonly string[];
  family: readonly string[];
}

// An international UAE medical-school cohort; the accents are on purpose, so that every consumer
// of the feed (CSV, e-mail, web pages) proves it handles non-ASCII names.
const NAME_POOLS = {
  arab: {
    given: [
      'Aisha', 'Fatima', 'Mariam', 'Noura', 'Hessa', 'Shamma', 'Layla', 'Reem', 'Salma', 'Yasmin',
      'Mohammed', 'Ahmed', 'Khalid', 'Hamdan', 'Saeed', 'Omar', 'Yousef', 'Rashid', 'Zayed', 'Karim',
    ],
    family: [
      'Al Mansouri', 'Al Nuaimi', 'Al Shamsi', 'Al Ketbi', 'Al Mazrouei', 'Al Falasi', 'Al Suwaidi', 'Al Hashimi',
      'Haddad', 'Khoury', 'El-Sayed', 'Abdelrahman', 'Mahmoud', 'Nasser', 'Saleh', 'Al-Masri',
    ],
  },
  southAsian: {
    given: [
      'Priya', 'Ananya', 'Divya', 'Sneha', 'Fatima', 'Ayesha', 'Nadia', 'Kavya', 'Ishita', 'Zainab',
      'Rahul', 'Arjun', 'Vikram', 'Rohan', 'Imran', 'Bilal', 'Hamza', 'Aditya', 'Sanjay', 'Faisal',
    ],
    family: [
      'Sharma', 'Patel', 'Nair', 'Menon', 'Iyer', 'Reddy', 'Khan', 'Qureshi', 'Siddiqui', 'Chaudhry',
      'Raza', 'Malik', 'Pillai', 'Das', 'Rahman', 'Hossain',
    ],
  },
  african: {
    given: [
      'Amara', 'Chiamaka', 'Nkechi', 'Ayodele', 'Wanjiru', 'Abena', 'Thandiwe', 'Nia', 'Fatoumata', 'Olúwaseun',
      'Kwame', 'Chukwuemeka', 'Tendai', 'Kofi', 'Babajide', 'Sipho', 'Jomo', 'Abdi', 'Yaw', 'Désiré',
    ],
    family: [
      'Okafor', 'Adeyemi', 'Mensah', 'Osei', 'Kamau', 'Mwangi', 'Ndlovu', 'Diallo', 'Traoré', 'Abebe',
      'Eze', 'Balogun', 'Ogunleye', 'Mutua', 'Haile', 'Nkosi',
    ],
  },
  european: {
    given: [
      'Zoë', 'Chloé', 'Siobhán', 'Ingrid', 'Małgorzata', 'Ana', 'Sophie', 'Hannah', 'Elena', 'Léa',
      'José', 'Łukasz', 'Søren', 'Mikael', 'Thomas', 'Jan', 'Luca', 'Björn', 'François', 'Seán',
    ],
    family: [
      'Müller', 'Dvořák', 'Nowak', 'Kowalczyk', 'García', 'Fernández', 'Ødegaard', 'Smith', "O'Brien",
      'Rossi', 'Dubois', 'Schröder', 'Jansen', 'Popescu', 'Papadopoulos', 'Gómez',
    ],
  },
  eastAsian: {
    given: [
      'Mei', 'Yuki', 'Hana', 'Ji-woo', 'Xiaoling', 'Thảo', 'Maria Clara', 'Angelica', 'Linh', 'Sakura',
      'Wei', 'Hiroshi', 'Min-jun', 'Jun', 'Haruto', 'Minh', 'Paolo', 'Rafael', 'Kenji', 'Tuấn',
    ],
    family: [
      'Nguyễn', 'Trần', 'Lê', 'Phạm', 'Wang', 'Li', 'Zhang', 'Chen', 'Tanaka', 'Satō',
      'Kim', 'Park', 'Santos', 'Reyes', 'Dela Cruz', 'Bautista',
    ],
  },
} satisfies Record<string, NamePool>;

type Origin = keyof typeof NAME_POOLS;

// Roughly the make-up of a private medical university in the UAE: many Emirati and Arab students,
// a large South Asian community, and smaller African, European and East/South-East Asian groups.
const STUDENT_ORIGINS: ReadonlyArray<readonly [Origin, number]> = [
  ['arab', 40],
  ['southAsian', 30],
  ['african', 12],
  ['european', 8],
  ['eastAsian', 10],
];

const FACULTY_ORIGINS: ReadonlyArray<readonly [Origin, number]> = [
  ['arab', 30],
  ['southAsian', 35],
  ['african', 10],
  ['european', 15],
  ['eastAsian', 10],
];

export interface PersonName {
  givenName: string;
  familyName: string;
}

/** A student's name: given and family name from the same background. */
export function drawStudentName(random: Random): PersonName {
  return drawName(random, random.weightedPick(STUDENT_ORIGINS));
}

/** A faculty member's name, with faculty's somewhat different mix of backgrounds. */
export function drawFacultyName(random: Random): PersonName {
  return drawName(random, random.weightedPick(FACULTY_ORIGINS));
}

function drawName(random: Random, origin: Origin): PersonName {
  const pool: NamePool = NAME_POOLS[origin];
  return { givenName: random.pick(pool.given), familyName: random.pick(pool.family) };
}

// Letters that Unicode does not decompose into a base letter plus an accent.
const UNDECOMPOSABLE: Readonly<Record<string, string>> = {
  ł: 'l', đ: 'd', ø: 'o', ß: 'ss', æ: 'ae', œ: 'oe', ı: 'i', þ: 'th', ð: 'd',
};

/** Lower-case ASCII letters and digits only ("Łukasz" -> "lukasz", "Al Mansouri" -> "almansouri"), for e-mail local parts. */
export function asciiFold(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[\u0080-\u{10ffff}]/gu, (char) => UNDECOMPOSABLE[char] ?? '')
    .replace(/[^a-z0-9]/g, '');
}
