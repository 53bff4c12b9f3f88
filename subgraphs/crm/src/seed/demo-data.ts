export type DemoRole = 'ADMIN' | 'AGENT';
export type DemoClientStatus = 'LEAD' | 'ACTIVE' | 'INACTIVE';
export type DemoPracticeType = 'KITAS' | 'KITAP' | 'VISA' | 'PT_PMA' | 'TAX' | 'PROPERTY' | 'LEGAL';
export type DemoPracticeStatus =
  'INQUIRY' | 'DOCUMENTS_PENDING' | 'SUBMITTED' | 'IN_PROGRESS' | 'APPROVED' | 'COMPLETED' | 'REJECTED' | 'CANCELLED';
export type DemoChannel = 'WHATSAPP' | 'EMAIL' | 'PHONE' | 'MEETING' | 'NOTE';

export interface DemoMember {
  key: string;
  name: string;
  email: string;
  role: DemoRole;
}
export interface DemoClient {
  key: string;
  fullName: string;
  email: string | null;
  phone: string | null;
  nationality: string;
  status: DemoClientStatus;
  notes: string | null;
  createdDaysAgo: number;
}
export interface DemoPractice {
  key: string;
  clientKey: string;
  type: DemoPracticeType;
  status: DemoPracticeStatus;
  title: string;
  assigneeKey: string | null;
  dueInDays: number | null;
  expiresInDays: number | null;
  notes: string | null;
  openedDaysAgo: number;
}
export interface DemoInteraction {
  clientKey: string;
  practiceKey: string | null;
  authorKey: string;
  channel: DemoChannel;
  summary: string;
  daysAgo: number;
}
export interface DemoData {
  members: DemoMember[];
  clients: DemoClient[];
  practices: DemoPractice[];
  interactions: DemoInteraction[];
}

type Weighted<T> = readonly (readonly [T, number])[];
type Nation = readonly [code: string, count: number, phone: string, firstNames: string, lastNames: string];
type Summary = readonly [titleMatch: string, text: string, lateStage?: boolean];
type Template = readonly [type: DemoPracticeType, title: string, validityDays: number, weight: number];

const SEED = 20240817;

const MEMBERS: readonly (readonly [key: string, name: string, role: DemoRole])[] = [
  ['member-made', 'Made Suarjana', 'ADMIN'],
  ['member-wayan', 'Wayan Sudarsana', 'AGENT'],
  ['member-komang', 'Komang Ayu Lestari', 'AGENT'],
  ['member-ketut', 'Ketut Artawan', 'AGENT'],
  ['member-putu', 'Putu Eka Pratiwi', 'AGENT'],
];
const MEMBER_WEIGHTS: Weighted<string> = [
  ['member-made', 1],
  ['member-wayan', 3],
  ['member-komang', 3],
  ['member-ketut', 3],
  ['member-putu', 3],
];

const NATIONS: readonly Nation[] = [
  [
    'AU',
    11,
    '+614########',
    'Liam,Jack,Noah,Oliver,Lachlan,Harrison,Chloe,Olivia,Mia,Isla,Matilda,Zoe,Sophie,Brodie',
    "Smith,Jones,Williams,Brown,Wilson,Taylor,Mitchell,Campbell,Kelly,Ryan,Harris,O'Brien,Thompson,Walsh",
  ],
  [
    'GB',
    5,
    '+447N########',
    'James,Harry,George,Oliver,Charlotte,Amelia,Emily,Poppy',
    'Evans,Roberts,Hughes,Wright,Walker,Edwards,Turner,Clarke',
  ],
  [
    'US',
    4,
    '+1N##N######',
    'Ethan,Mason,Tyler,Emily,Madison,Ashley,Jordan,Hannah',
    'Johnson,Miller,Davis,Garcia,Rodriguez,Anderson,Clark,Lewis',
  ],
  [
    'DE',
    4,
    '+4915N########',
    'Lukas,Jonas,Felix,Maximilian,Lena,Hannah,Anna,Katharina',
    'Müller,Schmidt,Schneider,Fischer,Weber,Becker,Hoffmann,Schäfer',
  ],
  [
    'FR',
    3,
    '+336########',
    'Louis,Hugo,Antoine,Julien,Camille,Léa,Manon,Chloé',
    'Martin,Bernard,Dubois,Moreau,Laurent,Lefèvre,Girard,Roux',
  ],
  ['NL', 3, '+316########', 'Daan,Sem,Lucas,Thijs,Sanne,Fleur,Lotte,Anouk', 'de Vries,van Dijk,Bakker,Jansen,Visser,Smit,de Boer,Mulder'],
  [
    'RU',
    3,
    '+79#########',
    'Dmitry,Alexei,Sergei,Ivan,Andrei,Anna,Ekaterina,Olga,Daria,Svetlana',
    'Ivanov,Smirnov,Petrov,Volkov,Sokolov,Morozov,Orlov,Lebedev',
  ],
  [
    'IT',
    2,
    '+393#########',
    'Marco,Luca,Alessandro,Matteo,Giulia,Francesca,Chiara,Sofia',
    'Rossi,Russo,Ferrari,Esposito,Bianchi,Romano,Colombo,Ricci',
  ],
  [
    'CA',
    2,
    '+1N##N######',
    'Ryan,Dylan,Logan,Emma,Sarah,Megan,Étienne,Justin',
    'Tremblay,MacDonald,Roy,Gagnon,Fraser,Stewart,Leblanc,Bouchard',
  ],
  [
    'NZ',
    2,
    '+6421#######',
    'Finn,Hamish,Jack,Ruby,Georgia,Aroha,Nikau,Isla',
    'Walker,Thompson,Robinson,Anderson,Ngata,Parata,Bennett,Cooper',
  ],
  ['CN', 2, '+8613#########', 'Wei,Fang,Jing,Lei,Yan,Hao,Min,Xin', 'Wang,Li,Zhang,Liu,Chen,Yang,Huang,Zhao'],
  ['IN', 2, '+919#########', 'Arjun,Rohan,Vikram,Priya,Ananya,Neha,Karan,Kavya', 'Sharma,Patel,Mehta,Iyer,Reddy,Kapoor,Nair,Gupta'],
  [
    'JP',
    1,
    '+8190########',
    'Kenji,Takashi,Hiroshi,Yuki,Aiko,Haruka,Sakura,Daisuke',
    'Tanaka,Suzuki,Watanabe,Yamamoto,Nakamura,Kobayashi,Sato,Ito',
  ],
  ['KR', 1, '+8210########', 'Min-jun,Ji-hoon,Seo-yeon,Ji-woo,Hyun-woo,Su-bin', 'Kim,Lee,Park,Choi,Jung,Kang'],
  ['SG', 1, '+659#######', 'Rachel,Marcus,Jun Jie,Wei Ling,Bryan,Clarissa', 'Tan,Lim,Ng,Ong,Goh,Teo'],
  ['CH', 1, '+4179#######', 'Luca,Noah,Nina,Laura,Reto,Corinne', 'Meier,Keller,Huber,Brunner,Baumann,Gerber'],
  ['SE', 1, '+4670#######', 'Erik,Oskar,Elsa,Astrid,Linnea,Anders', 'Andersson,Johansson,Karlsson,Nilsson,Lindqvist,Berg'],
  ['BR', 1, '+55N19########', 'Rafael,Gustavo,Thiago,Camila,Beatriz,Larissa', 'Silva,Santos,Oliveira,Souza,Costa,Pereira'],
  ['ES', 1, '+346########', 'Javier,Pablo,Alejandro,Lucía,Carmen,Marta', 'García,Fernández,López,Martínez,Sánchez,Navarro'],
];
const FAMILY_NAME_FIRST = new Set(['CN', 'KR']);
const LOCAL_PHONES = ['+62811########', '+62812########', '+62813########', '+62821########', '+62857########', '+62878########'];
const EMAIL_DOMAINS = ['example.com', 'example.com', 'example.org', 'example.net'];
const AREAS = [
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
  'Amed',
  'Sidemen',
];

const TEMPLATES: readonly Template[] = [
  ['KITAS', 'KITAS investor (E28A) — new application', 365, 5],
  ['KITAS', 'KITAS investor (E28A) — extension', 365, 4],
  ['KITAS', 'Retirement KITAS (E33F) — new application', 365, 3],
  ['KITAS', 'Retirement KITAS (E33F) extension', 365, 3],
  ['KITAS', 'Remote-worker KITAS (E33G) — new application', 365, 3],
  ['KITAS', 'Spouse KITAS (E31A) — sponsored by Indonesian spouse', 365, 2],
  ['KITAS', 'Dependant KITAS for spouse and children', 365, 2],
  ['KITAP', 'KITAP conversion after 3 years of KITAS', 1825, 3],
  ['KITAP', 'KITAP conversion — spouse of Indonesian citizen', 1825, 1],
  ['VISA', 'Visa on arrival extension', 30, 4],
  ['VISA', 'B211A visit visa', 60, 4],
  ['VISA', 'Second-home visa (E33E)', 1825, 2],
  ['VISA', 'Multiple-entry business visa', 365, 1],
  ['PT_PMA', 'PT PMA setup — villa rental (KBLI 55130)', 0, 4],
  ['PT_PMA', 'PT PMA setup — restaurant (KBLI 56101)', 0, 2],
  ['PT_PMA', 'PT PMA setup — management consulting (KBLI 70209)', 0, 2],
  ['PT_PMA', 'PT PMA setup — software development (KBLI 62019)', 0, 1],
  ['PT_PMA', 'LKPM quarterly investment report', 0, 3],
  ['PT_PMA', 'Add KBLI 68111 (real estate rental) to existing PT PMA', 0, 1],
  ['TAX', 'Annual tax return (SPT Tahunan)', 0, 4],
  ['TAX', 'NPWP registration', 0, 3],
  ['TAX', 'Monthly PPh 21 payroll reporting', 0, 2],
  ['TAX', 'Final tax (PPh 4(2)) on villa lease income', 0, 1],
  ['TAX', 'Company annual tax return (SPT Badan)', 0, 1],
  ['PROPERTY', 'Leasehold due diligence — {area} villa', 0, 4],
  ['PROPERTY', 'Hak Pakai title check', 0, 2],
  ['PROPERTY', 'Lease extension negotiation — {area} land', 0, 1],
  ['PROPERTY', 'PBG building approval check — {area} villa', 0, 1],
  ['LEGAL', 'Company deed amendment', 0, 2],
  ['LEGAL', 'Power of attorney (notarised)', 0, 1],
  ['LEGAL', 'Employment contracts for local staff (PKWT)', 0, 1],
  ['LEGAL', 'Will covering Indonesian assets', 0, 1],
];

const CLIENT_NOTES = [
  'Prefers WhatsApp; slow to answer emails.',
  'Lives in {area} with partner and two children.',
  'Runs an online business and travels often; check passport validity before every filing.',
  'Referred by an existing client; treat as priority.',
  'Wants everything in writing; confirm calls by email.',
  'Retired; spends most of the year in {area}.',
  'Owns a leasehold villa in {area}, rented out through a local agent.',
  'Price-sensitive; always send a quote before starting work.',
  'Plans to open a surf camp in {area} next year.',
  'Paid the annual retainer in advance.',
  'Invoices go to the company, not to the client personally.',
  'Partner is Indonesian; family lives in {area}.',
];

const PRACTICE_NOTES: Record<DemoPracticeType, readonly string[]> = {
  KITAS: [
    'Sponsor is our own PT; sponsor letter template on file.',
    'Passport expires in 20 months; renew before the next extension.',
    'Client wants the card before a trip home.',
  ],
  KITAP: ['Three consecutive KITAS years confirmed from passport stamps.', 'Marriage certificate needs a sworn translation.'],
  VISA: ['Client is outside Indonesia; e-visa application only.', 'Keep the return ticket on file for immigration.'],
  PT_PMA: [
    'Two shareholders: client and a foreign partner.',
    'Virtual office in Canggu used for the domicile.',
    'Bank account opening at BCA after the NIB is issued.',
  ],
  TAX: ['Client is an Indonesian tax resident (over 183 days).', 'Coretax account activated; login shared securely.'],
  PROPERTY: ['Seller is represented by a notary in Denpasar.', 'Budget agreed with client; walk away if the zoning is unclear.'],
  LEGAL: ['Notary: partner office in Denpasar.', 'Documents to be signed in person at our office.'],
};

const SUMMARIES: Record<DemoPracticeType, readonly Summary[]> = {
  KITAS: [
    ['', 'Client sent passport scan and sponsor letter; bank statement still missing.'],
    ['E28A', 'Explained the difference between E28A and E33F; client prefers the investor route.'],
    ['', 'Reminded {first} that the passport needs at least 18 months of validity for the KITAS.'],
    ['', 'Biometrics appointment booked at Imigrasi Ngurah Rai; client will bring the original passport.', true],
    ['', 'E-visa approved and sent by email; explained that {first} must enter Indonesia before it lapses.', true],
    ['E28A', 'Checked the sponsor documents (NIB and deed) before submitting the application.'],
    ['', 'Sent the e-ITAS PDF and explained how to show it at the airport.', true],
    ['', 'Client asked whether the KITAS allows work; confirmed it does not without a work permit.'],
    ['E33F', 'Pension statement received; it covers the income requirement for the retirement KITAS.'],
    ['E33G', 'Employment letter from the overseas employer received; income proof meets the E33G threshold.'],
    ['E31A', 'Marriage book and spouse KTP received; family card (KK) still to be updated.'],
    ['Dependant', 'Birth certificates need an apostille before we can file the dependant KITAS.'],
  ],
  KITAP: [
    ['', 'Confirmed {first} has held a KITAS for three consecutive years, so the KITAP route is open.'],
    ['spouse', 'Sponsor letter is signed; waiting for the sworn translation of the marriage certificate.'],
    ['', 'Interview at Imigrasi Denpasar went smoothly; the officer asked about sources of income.', true],
    ['', 'Explained that the KITAP is valid for five years and no longer needs yearly extensions.'],
    ['', 'Client asked about travelling during processing; advised to wait until the application is approved.', true],
  ],
  VISA: [
    ['arrival', 'Client is on a visa on arrival; the extension must be filed before day 30.'],
    ['', 'Collected the passport for the photo and fingerprint appointment.', true],
    ['', 'Sent invoice and document list for the visa; client will pay by bank transfer.'],
    ['E33E', 'Explained that the second-home visa needs proof of funds in an Indonesian bank.'],
    ['', 'Visa approved; e-visa PDF forwarded by email and WhatsApp.', true],
    ['', 'Client overstayed by one day last trip; explained the IDR 1,000,000 daily fine.'],
    ['business', 'Invitation letter from the Indonesian partner company received; uploading to the e-visa portal.'],
  ],
  PT_PMA: [
    ['55130', 'Went through KBLI options; villa rental (55130) fits better than general real estate.'],
    ['setup', 'Walked {first} through the investment plan per KBLI code and the paid-up capital rules.'],
    ['setup', 'Deed of establishment signed at the notary; waiting for approval from the Ministry of Law.', true],
    ['setup', 'NIB issued through OSS; next step is the LKPM quarterly report.', true],
    ['setup', 'Client asked about nominee arrangements; explained why we only set up proper PT PMA structures.'],
    ['', 'Domicile letter for the {area} office arrived and was uploaded to OSS.'],
    ['LKPM', 'LKPM for last quarter submitted in OSS; receipt sent to the client.', true],
    ['LKPM', 'Asked the accountant for realised investment figures for the LKPM.'],
    ['68111', 'Checked that adding KBLI 68111 does not change the minimum investment plan.'],
  ],
  TAX: [
    ['Tahunan', "Collected last year's income summary and bank interest statements for the SPT."],
    ['NPWP', 'NPWP issued; sent the digital card and explained the Coretax login.', true],
    ['', 'Explained the 183-day rule; {first} is likely an Indonesian tax resident this year.'],
    ['PPh 21', 'PPh 21 for the villa staff filed for last month; payment receipt sent to client.', true],
    ['Tahunan', 'Reminded client that the individual SPT Tahunan is due by 31 March.'],
    ['', 'Client asked about double taxation; checked the tax treaty with their home country.'],
    ['4(2)', 'Lease payments confirmed; final tax is 10% of the gross rent, billing code created.'],
    ['Badan', 'Financial statements from the accountant received; corporate return due by 30 April.'],
  ],
  PROPERTY: [
    ['due diligence', "Requested the SHM certificate copy and the owner's ID from the seller's notary."],
    ['', 'Zoning check: the plot is in a green zone, advised {first} not to proceed.'],
    ['ease', 'Reviewed the draft lease: 25 years with an option to extend, but no extension price clause.'],
    ['Hak Pakai', 'Explained that Hak Pakai needs a KITAS or KITAP and is tied to residence status.'],
    ['', 'Checked the certificate at the land office (BPN); no encumbrances recorded.', true],
    ['PBG', 'PBG status unclear; asked the developer for the building approval before signing.'],
  ],
  LEGAL: [
    ['deed', 'Sent the draft deed amendment; client wants to change the director and add a commissioner.'],
    ['', 'Notary appointment confirmed for Thursday at 10:00 in Denpasar.', true],
    ['PKWT', 'Reviewed employment contracts for local staff; the PKWT terms need updating.'],
    ['Will', 'Client asked about a will for Indonesian assets; introduced our partner notary.'],
    ['attorney', 'Power of attorney signed and legalised; scanned copy stored in the client folder.', true],
    ['', 'Sent the engagement letter and fee estimate; {first} approved it by email.'],
  ],
};
const GENERAL_SUMMARIES = [
  'Monthly check-in; nothing urgent, client happy with progress.',
  "Client asked for a quote for the family's dependant KITAS; sent the price list.",
  '{first} referred a friend who is looking at a retirement KITAS.',
  'Updated the address to the new villa in {area}.',
  'Client is travelling for three weeks and prefers email until back.',
  'Payment received for the last invoice; receipt sent.',
  'Client asked how foreigners get a local driving licence (SIM); sent the steps.',
  'Invited {first} to our quarterly visa and tax info session in Canggu.',
];
const FIRST_CONTACTS: readonly (readonly [DemoChannel, string])[] = [
  ['EMAIL', 'First enquiry via the website form; asked about staying long-term in Bali.'],
  ['WHATSAPP', 'Referred by an existing client; wants help with a visa and possibly a company.'],
  ['MEETING', 'Walk-in at the Canggu office; initial consultation about residence options.'],
  ['WHATSAPP', 'Inbound WhatsApp after our Instagram post about the second-home visa.'],
  ['MEETING', 'Met at a networking event in Ubud; follow-up call booked.'],
  ['PHONE', 'Called on behalf of their property agent, who needs a lease reviewed.'],
];
const CHANNELS: Weighted<DemoChannel> = [
  ['WHATSAPP', 45],
  ['EMAIL', 28],
  ['PHONE', 10],
  ['MEETING', 7],
  ['NOTE', 10],
];
const OPEN: Weighted<DemoPracticeStatus> = [
  ['INQUIRY', 2],
  ['DOCUMENTS_PENDING', 4],
  ['SUBMITTED', 3],
  ['IN_PROGRESS', 3],
  ['APPROVED', 1],
];
const MIXED: Weighted<DemoPracticeStatus> = [...OPEN, ['COMPLETED', 6], ['CANCELLED', 2], ['REJECTED', 1]];
const LEAD_STATUSES: Weighted<DemoPracticeStatus> = [
  ['INQUIRY', 2],
  ['DOCUMENTS_PENDING', 1],
];
const CLOSED: Weighted<DemoPracticeStatus> = [
  ['COMPLETED', 6],
  ['CANCELLED', 3],
  ['REJECTED', 1],
];
const LATE_STATUSES = new Set<DemoPracticeStatus>(['SUBMITTED', 'IN_PROGRESS', 'APPROVED', 'COMPLETED']);
const groupOf = (type: DemoPracticeType): string => (type === 'KITAS' || type === 'KITAP' || type === 'VISA' ? 'STAY' : type);
const OPEN_STATUSES = new Set<DemoPracticeStatus>(['INQUIRY', 'DOCUMENTS_PENDING', 'SUBMITTED', 'IN_PROGRESS', 'APPROVED']);

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomTools(seed: number) {
  const next = mulberry32(seed);
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  const chance = (p: number): boolean => next() < p;
  function pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(next() * items.length)];
    if (item === undefined) throw new Error('pick from empty list');
    return item;
  }
  function weighted<T>(entries: Weighted<T>): T {
    let roll = next() * entries.reduce((sum, [, w]) => sum + w, 0);
    for (const [value, w] of entries) if ((roll -= w) < 0) return value;
    return pick(entries)[0];
  }
  function shuffle<T>(items: readonly T[]): T[] {
    return items
      .map((value) => ({ value, k: next() }))
      .sort((a, b) => a.k - b.k)
      .map((e) => e.value);
  }
  return { int, chance, pick, weighted, shuffle };
}

const emailPart = (s: string): string =>
  s
    .toLowerCase()
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .normalize('NFD')
    .replace(/[^a-z]/g, '');

/** Deterministic demo data for an empty CRM database: team, clients, practices and interaction history. */
export function demoData(): DemoData {
  const r = randomTools(SEED);
  const fill = (text: string, first = ''): string => text.replace(/\{area\}/g, () => r.pick(AREAS)).replace(/\{first\}/g, first);
  const digits = (pattern: string): string => pattern.replace(/[#N]/g, (c) => String(c === 'N' ? r.int(2, 9) : r.int(0, 9)));

  const members: DemoMember[] = MEMBERS.map(([key, name, role]) => {
    const [given = '', ...rest] = name.split(' ');
    return { key, name, role, email: `${emailPart(given)}.${emailPart(rest.at(-1) ?? '')}@team.example.com` };
  });

  const nations = r.shuffle(NATIONS.flatMap((n) => Array.from({ length: n[1] }, () => n)));
  const statuses = r.shuffle<DemoClientStatus>([
    ...Array<DemoClientStatus>(36).fill('ACTIVE'),
    ...Array<DemoClientStatus>(9).fill('LEAD'),
    ...Array<DemoClientStatus>(5).fill('INACTIVE'),
  ]);
  const contactGaps = r.shuffle([...Array<string>(3).fill('EMAIL'), ...Array<string>(3).fill('PHONE'), ...Array<string>(44).fill('')]);
  const usedNames = new Set<string>();
  const usedEmails = new Set<string>();

  const drafts = nations
    .map(([code, , phonePattern, firstList, lastList], i) => {
      const status = statuses[i] ?? 'ACTIVE';
      let first = '';
      let last = '';
      let fullName = '';
      do {
        first = r.pick(firstList.split(','));
        last = r.pick(lastList.split(','));
        if (code === 'RU' && first.endsWith('a')) last += 'a';
        fullName = FAMILY_NAME_FIRST.has(code) ? `${last} ${first}` : `${first} ${last}`;
      } while (usedNames.has(fullName));
      usedNames.add(fullName);
      const [a, b] = FAMILY_NAME_FIRST.has(code) ? [emailPart(last), emailPart(first)] : [emailPart(first), emailPart(last)];
      let local = r.weighted<string>([
        [`${a}.${b}`, 5],
        [`${a}${b}`, 2],
        [`${a.charAt(0)}.${b}`, 2],
        [`${a}_${b}${r.int(70, 99)}`, 1],
      ]);
      while (usedEmails.has(local)) local += String(r.int(1, 9));
      usedEmails.add(local);
      const noEmail = contactGaps[i] === 'EMAIL';
      const noPhone = contactGaps[i] === 'PHONE';
      const createdDaysAgo = status === 'LEAD' ? r.int(1, 45) : status === 'INACTIVE' ? r.int(250, 700) : r.int(15, 700);
      const notes = r.chance(0.45) ? fill(r.pick(CLIENT_NOTES)) : null;
      return {
        first,
        client: {
          fullName,
          nationality: code,
          status,
          notes,
          createdDaysAgo,
          email: noEmail ? null : `${local}@${r.pick(EMAIL_DOMAINS)}`,
          phone: noPhone ? null : digits(r.chance(0.35) ? r.pick(LOCAL_PHONES) : phonePattern),
        },
      };
    })
    .sort((x, y) => y.client.createdDaysAgo - x.client.createdDaysAgo);

  const clients: DemoClient[] = [];
  const practices: DemoPractice[] = [];
  const interactions: DemoInteraction[] = [];

  drafts.forEach(({ first, client: draft }, i) => {
    const client: DemoClient = { key: `client-${String(i + 1).padStart(2, '0')}`, ...draft };
    clients.push(client);
    const created = client.createdDaysAgo;
    const count =
      client.status === 'LEAD'
        ? r.chance(0.3)
          ? 2
          : 1
        : client.status === 'INACTIVE'
          ? r.int(1, 2)
          : r.weighted<number>([
              [1, 30],
              [2, 45],
              [3, 25],
            ]);
    const usedGroups = new Set<string>();
    const own: DemoPractice[] = [];

    for (let p = 0; p < count; p++) {
      const residentPermit = client.status === 'ACTIVE' && p === 0 && created >= 120 && r.chance(0.75);
      const pool: Weighted<Template> = TEMPLATES.filter((t) => !usedGroups.has(groupOf(t[0])) && (!residentPermit || t[2] > 0)).map(
        (t) => [t, t[3]] as const,
      );
      const [type, titleTemplate, validity] = r.weighted(pool);
      usedGroups.add(groupOf(type));
      const status =
        client.status === 'LEAD'
          ? r.weighted(LEAD_STATUSES)
          : client.status === 'INACTIVE'
            ? r.weighted(CLOSED)
            : created < 45
              ? r.weighted(OPEN)
              : residentPermit && r.chance(0.7)
                ? 'COMPLETED'
                : r.weighted(p === 0 ? MIXED.filter(([s]) => s !== 'CANCELLED' && s !== 'REJECTED') : MIXED);

      let opened: number;
      let dueInDays: number | null = null;
      let expiresInDays: number | null = null;
      if (OPEN_STATUSES.has(status)) {
        const overdue = created >= 15 && r.chance(0.15);
        opened = overdue ? r.int(10, Math.min(created, 90)) : r.int(0, Math.min(created, 75));
        dueInDays = overdue ? r.int(-5, -1) : status === 'APPROVED' ? r.int(0, 14) : r.int(0, 60);
      } else if (status === 'COMPLETED' && validity > 0) {
        const processing = r.int(10, 35);
        const roll = r.int(0, 99);
        const target =
          client.status === 'INACTIVE' ? r.int(-240, -10) : roll < 10 ? r.int(-20, -1) : roll < 50 ? r.int(5, 90) : r.int(91, 330);
        opened = Math.min(created, validity + processing - Math.min(target, validity - 1));
        expiresInDays = validity + processing - opened;
      } else if (status === 'COMPLETED') {
        opened = r.int(Math.min(created, 30), created);
      } else {
        opened = r.int(Math.min(created, 20), created);
        if (opened >= 25 && r.chance(0.4)) dueInDays = -r.int(5, opened - 15);
      }

      own.push({
        key: '',
        clientKey: client.key,
        type,
        status,
        title: fill(titleTemplate),
        openedDaysAgo: opened,
        dueInDays,
        expiresInDays,
        assigneeKey: (status === 'INQUIRY' && r.chance(0.3)) || r.chance(0.03) ? null : r.weighted(MEMBER_WEIGHTS),
        notes: r.chance(0.4) ? fill(r.pick(PRACTICE_NOTES[type])) : null,
      });
    }
    own
      .sort((x, y) => y.openedDaysAgo - x.openedDaysAgo)
      .forEach((practice) => {
        practice.key = `practice-${String(practices.length + 1).padStart(3, '0')}`;
        practices.push(practice);
      });

    const [contactChannel, contactSummary] = r.pick(FIRST_CONTACTS);
    const history: DemoInteraction[] = [
      {
        clientKey: client.key,
        practiceKey: null,
        authorKey: r.weighted(MEMBER_WEIGHTS),
        channel: contactChannel,
        summary: contactSummary,
        daysAgo: created,
      },
    ];
    const total = client.status === 'ACTIVE' ? r.pick([2, 3, 3, 4, 4, 4, 5, 5]) : r.int(2, 3);
    const said = new Set<string>();
    for (let n = 1; n < total; n++) {
      const candidate = r.chance(0.9) ? r.pick(own) : null;
      const specific = candidate
        ? SUMMARIES[candidate.type]
            .filter(
              ([match, text, late]) => candidate.title.includes(match) && !said.has(text) && (!late || LATE_STATUSES.has(candidate.status)),
            )
            .map(([, text]) => text)
        : [];
      const practice = specific.length > 0 ? candidate : null;
      const summary = practice ? r.pick(specific) : r.pick(GENERAL_SUMMARIES.filter((text) => !said.has(text)));
      said.add(summary);
      history.push({
        clientKey: client.key,
        practiceKey: practice?.key ?? null,
        authorKey: practice?.assigneeKey ?? r.weighted(MEMBER_WEIGHTS),
        channel: r.weighted(CHANNELS),
        summary: fill(summary, first),
        daysAgo: !practice
          ? r.int(0, created)
          : OPEN_STATUSES.has(practice.status)
            ? r.int(0, practice.openedDaysAgo)
            : r.int(Math.max(0, practice.openedDaysAgo - 45), practice.openedDaysAgo),
      });
    }
    interactions.push(...history.sort((x, y) => y.daysAgo - x.daysAgo));
  });

  return { members, clients, practices, interactions };
}
