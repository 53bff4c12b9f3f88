/** A small seeded random source (mulberry32), so a run's data and requests can be drawn again alike. */
export interface Random {
  /** In [0, 1). */
  next: () => number;
  /** An integer in [min, max]. */
  int: (min: number, max: number) => number;
  pick: <T>(items: readonly T[]) => T;
  chance: (probability: number) => boolean;
}

export function random(seed: number): Random {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  return {
    next,
    int,
    pick: <T>(items: readonly T[]) => items[int(0, items.length - 1)] as T,
    chance: (probability) => next() < probability,
  };
}

/** Words of visas, company setup, tax and property in Bali, from which searches and facts are composed. */
export const TERMS = [
  'KITAS',
  'KITAP',
  'E28A investor',
  'E33G remote worker',
  'E33F retirement',
  'E33E second-home visa',
  'E31A spouse',
  'B211A visit visa',
  'visa on arrival',
  'extension',
  'sponsor letter',
  'immigration office',
  'Denpasar',
  'overstay fine',
  'multiple-entry',
  'biometrics',
  'passport validity',
  'bank statement',
  'PT PMA',
  'PT local',
  'KBLI',
  'KBLI 55130 villa rental',
  'KBLI 56101 restaurant',
  'KBLI 70209 consulting',
  'KBLI 62019 software',
  'OSS RBA',
  'NIB',
  'LKPM report',
  'paid-up capital',
  '10 billion rupiah',
  'director',
  'commissioner',
  'shareholder',
  'nominee',
  'deed of establishment',
  'notary',
  'domicile letter',
  'virtual office',
  'NPWP',
  'SPT Tahunan',
  'SPT Badan',
  'PPh 21',
  'PPh 23',
  'PPh 4(2) final tax',
  'PPN VAT',
  'tax residency',
  '183 days',
  'double tax treaty',
  'withholding tax',
  'tax amnesty',
  'leasehold',
  'freehold',
  'Hak Pakai',
  'Hak Guna Bangunan',
  'PBG building permit',
  'SLF certificate',
  'land certificate',
  'due diligence',
  'zoning',
  'pondok wisata licence',
  'BPJS health',
  'BPJS employment',
  'work permit RPTKA',
  'IMTA',
  'dependant visa',
  'children school',
  'driving licence',
  'bank account',
  'Canggu',
  'Ubud',
  'Uluwatu',
  'Seminyak',
  'Sanur',
] as const;

export const QUESTION_FRAMES = [
  'how long does {a} take',
  'documents needed for {a} and {b}',
  'cost of {a} with {b}',
  'can I combine {a} with {b}',
  'deadline for {a} after {b}',
  '{a} requirements for {b} in {c}',
  'what happens to {a} if {b} is late',
  'difference between {a} and {b}',
  '{a} {b} {c}',
  'does {a} need {b} or {c}',
] as const;

/** A question of 2 to 3 terms in a frame, like someone typing into the knowledge search. */
export function question(rng: Random): string {
  const frame = rng.pick(QUESTION_FRAMES);
  return frame.replace(/\{[abc]\}/g, () => rng.pick(TERMS));
}

export const FACTS = [
  'Holds an {n} passport valid until {y}',
  'Wants a {t} before the current stay ends',
  'Budget around {m} million rupiah for a villa lease in {p}',
  'Runs a {k} business through a PT PMA',
  'Married to an Indonesian citizen since {y}',
  'Two children at school in {p}',
  'Prefers WhatsApp after 5 pm Bali time',
  'Asked about {t} for a business partner',
  'Plans to stay more than 183 days in {y}',
  'Owns a leasehold villa in {p} until {y}',
] as const;

export const PLACES = [
  'Canggu',
  'Pererenan',
  'Seminyak',
  'Ubud',
  'Uluwatu',
  'Sanur',
  'Jimbaran',
  'Bingin',
  'Kerobokan',
  'Tabanan',
] as const;
export const NATIONALITIES = [
  'AU',
  'GB',
  'US',
  'DE',
  'FR',
  'NL',
  'RU',
  'IT',
  'CA',
  'NZ',
  'CN',
  'IN',
  'JP',
  'KR',
  'SG',
  'CH',
  'SE',
  'BR',
  'ES',
] as const;
export const FIRST_NAMES = [
  'Liam',
  'Chloe',
  'Noah',
  'Olivia',
  'Lukas',
  'Lena',
  'Camille',
  'Hugo',
  'Daan',
  'Sanne',
  'Dmitry',
  'Anna',
  'Marco',
  'Giulia',
  'Ryan',
  'Emma',
  'Finn',
  'Ruby',
  'Wei',
  'Priya',
  'Kenji',
  'Sakura',
  'Erik',
  'Astrid',
  'Rafael',
  'Lucía',
] as const;
export const LAST_NAMES = [
  'Smith',
  'Walsh',
  'Evans',
  'Clarke',
  'Miller',
  'Garcia',
  'Becker',
  'Weber',
  'Moreau',
  'Laurent',
  'Bakker',
  'Visser',
  'Volkov',
  'Orlov',
  'Rossi',
  'Ricci',
  'Tremblay',
  'Fraser',
  'Ngata',
  'Cooper',
  'Chen',
  'Sharma',
  'Tanaka',
  'Lindqvist',
  'Costa',
  'Navarro',
] as const;

export function fact(rng: Random): string {
  return rng
    .pick(FACTS)
    .replace('{n}', rng.pick(NATIONALITIES))
    .replace('{y}', String(rng.int(2026, 2031)))
    .replace('{t}', rng.pick(TERMS))
    .replace('{m}', String(rng.int(2, 90) * 50))
    .replace('{p}', rng.pick(PLACES))
    .replace('{k}', rng.pick(['villa rental', 'restaurant', 'consulting', 'software', 'surf school', 'yoga retreat']));
}
