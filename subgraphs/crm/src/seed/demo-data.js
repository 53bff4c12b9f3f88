"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.demoData = demoData;
const SEED = 2025;
const MEMBERS = [
    ['member-made', 'Made Suarjana', 'ADMIN', 1],
    ['member-wayan', 'Wayan Sudarsana', 'AGENT', 3],
    ['member-komang', 'Komang Ayu Lestari', 'AGENT', 3],
    ['member-ketut', 'Ketut Artawan', 'AGENT', 3],
    ['member-putu', 'Putu Eka Pratiwi', 'AGENT', 3],
];
// code | clients | E.164 pattern (# any digit, N 2-9) | first names | last names
const NATIONS = [
    'AU|11|+614########|Liam,Jack,Noah,Oliver,Lachlan,Harrison,Chloe,Olivia,Mia,Isla,Matilda,Zoe|Smith,Jones,Williams,Brown,Wilson,Taylor,Mitchell,Kelly,Ryan,Harris,Walsh',
    'GB|5|+447N########|James,Harry,George,Oliver,Charlotte,Amelia,Emily,Poppy|Evans,Roberts,Hughes,Wright,Walker,Edwards,Turner,Clarke',
    'US|4|+1N##N######|Ethan,Mason,Tyler,Emily,Madison,Ashley,Jordan,Hannah|Johnson,Miller,Davis,Garcia,Rodriguez,Anderson,Clark,Lewis',
    'DE|4|+4915N########|Lukas,Jonas,Felix,Maximilian,Lena,Hannah,Anna,Katharina|Müller,Schmidt,Schneider,Fischer,Weber,Becker,Hoffmann,Schäfer',
    'FR|3|+336########|Louis,Hugo,Antoine,Julien,Camille,Léa,Manon,Chloé|Martin,Bernard,Dubois,Moreau,Laurent,Lefèvre,Girard,Roux',
    'NL|3|+316########|Daan,Sem,Lucas,Thijs,Sanne,Fleur,Lotte,Anouk|de Vries,van Dijk,Bakker,Jansen,Visser,Smit,de Boer,Mulder',
    'RU|3|+79#########|Dmitry,Alexei,Sergei,Ivan,Andrei,Anna,Ekaterina,Olga,Daria,Svetlana|Ivanov,Smirnov,Petrov,Volkov,Sokolov,Morozov,Orlov,Lebedev',
    'IT|2|+393#########|Marco,Luca,Alessandro,Matteo,Giulia,Francesca,Chiara,Sofia|Rossi,Russo,Ferrari,Esposito,Bianchi,Romano,Colombo,Ricci',
    'CA|2|+1N##N######|Ryan,Dylan,Logan,Emma,Sarah,Megan,Étienne,Justin|Tremblay,MacDonald,Roy,Gagnon,Fraser,Stewart,Leblanc,Bouchard',
    'NZ|2|+6421#######|Finn,Hamish,Jack,Ruby,Georgia,Aroha,Nikau,Isla|Walker,Thompson,Robinson,Anderson,Ngata,Parata,Bennett,Cooper',
    'CN|2|+8613#########|Wei,Fang,Jing,Lei,Yan,Hao,Min,Xin|Wang,Li,Zhang,Liu,Chen,Yang,Huang,Zhao',
    'IN|2|+919#########|Arjun,Rohan,Vikram,Priya,Ananya,Neha,Karan,Kavya|Sharma,Patel,Mehta,Iyer,Reddy,Kapoor,Nair,Gupta',
    'JP|1|+8190########|Kenji,Takashi,Hiroshi,Yuki,Aiko,Haruka,Sakura,Daisuke|Tanaka,Suzuki,Watanabe,Yamamoto,Nakamura,Kobayashi,Sato,Ito',
    'KR|1|+8210########|Min-jun,Ji-hoon,Seo-yeon,Ji-woo,Hyun-woo,Su-bin|Kim,Lee,Park,Choi,Jung,Kang',
    'SG|1|+659#######|Rachel,Marcus,Jun Jie,Wei Ling,Bryan,Clarissa|Tan,Lim,Ng,Ong,Goh,Teo',
    'CH|1|+4179#######|Luca,Noah,Nina,Laura,Reto,Corinne|Meier,Keller,Huber,Brunner,Baumann,Gerber',
    'SE|1|+4670#######|Erik,Oskar,Elsa,Astrid,Linnea,Anders|Andersson,Johansson,Karlsson,Nilsson,Lindqvist,Berg',
    'BR|1|+55N19########|Rafael,Gustavo,Thiago,Camila,Beatriz,Larissa|Silva,Santos,Oliveira,Souza,Costa,Pereira',
    'ES|1|+346########|Javier,Pablo,Alejandro,Lucía,Carmen,Marta|García,Fernández,López,Martínez,Sánchez,Navarro',
].map((row) => {
    const [code = '', count = '', phone = '', firstNames = '', lastNames = ''] = row.split('|');
    return { code, count: Number(count), phone, firstNames: firstNames.split(','), lastNames: lastNames.split(',') };
});
const FAMILY_NAME_FIRST = new Set(['CN', 'KR']);
const LOCAL_PHONES = ['+62811########', '+62812########', '+62813########', '+62821########', '+62857########', '+62878########'];
const EMAIL_DOMAINS = ['example.com', 'example.com', 'example.org', 'example.net'];
const AREAS = 'Canggu,Pererenan,Seminyak,Ubud,Uluwatu,Sanur,Jimbaran,Bingin,Kerobokan,Tabanan,Amed,Sidemen'.split(',');
const TEMPLATES = [
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
    'In Bali about six months a year; the rest of the time abroad.',
    'Invoices go to the company, not to the client personally.',
    'Partner is Indonesian; family lives in {area}.',
];
const PRACTICE_NOTES = [
    ['KITAS', 'Sponsor documents on file from the previous application.'],
    ['KITAS', 'Passport expires in 20 months; renew before the next extension.'],
    ['KITAS', 'Client wants the card before a trip home.'],
    ['KITAP', 'Three consecutive KITAS years confirmed from passport stamps.'],
    ['KITAP', 'Marriage certificate needs a sworn translation.'],
    ['VISA', 'Client is outside Indonesia; e-visa application only.'],
    ['VISA', 'Keep the return ticket on file for immigration.'],
    ['PT_PMA', 'Two shareholders: client and a foreign partner.'],
    ['PT_PMA', 'Virtual office in Canggu used for the domicile.'],
    ['PT_PMA', 'Bank account opening at BCA after the NIB is issued.'],
    ['TAX', 'Client is an Indonesian tax resident (over 183 days).'],
    ['TAX', 'Coretax account activated; login shared securely.'],
    ['PROPERTY', 'Seller is represented by a notary in Denpasar.'],
    ['PROPERTY', 'Budget agreed with client; walk away if the zoning is unclear.'],
    ['LEGAL', 'Notary: partner office in Denpasar.'],
    ['LEGAL', 'Documents to be signed in person at our office.'],
];
const SUMMARIES = [
    ['KITAS', '', 'Client sent passport scan and sponsor letter; bank statement still missing.'],
    ['KITAS', 'E28A', 'Explained the difference between E28A and E33F; client prefers the investor route.'],
    ['KITAS', '', 'Reminded {first} that the passport needs at least 18 months of validity for the KITAS.'],
    ['KITAS', '', 'Biometrics appointment booked at Imigrasi Ngurah Rai; client will bring the original passport.', true],
    ['KITAS', '', 'E-visa approved and sent by email; explained that {first} must enter Indonesia before it lapses.', true],
    ['KITAS', 'E28A', 'Checked the sponsor documents (NIB and deed) before submitting the application.'],
    ['KITAS', '', 'Sent the e-ITAS PDF and explained how to show it at the airport.', true],
    ['KITAS', '', 'Client asked whether the KITAS allows work; confirmed it does not without a work permit.'],
    ['KITAS', 'E33F', 'Pension statement received; it covers the income requirement for the retirement KITAS.'],
    ['KITAS', 'E33G', 'Employment letter from the overseas employer received; income proof meets the E33G threshold.'],
    ['KITAS', 'E31A', 'Marriage book and spouse KTP received; family card (KK) still to be updated.'],
    ['KITAS', 'Dependant', 'Birth certificates need an apostille before we can file the dependant KITAS.'],
    ['KITAP', '', 'Confirmed {first} has held a KITAS for three consecutive years, so the KITAP route is open.'],
    ['KITAP', 'spouse', 'Sponsor letter is signed; waiting for the sworn translation of the marriage certificate.'],
    ['KITAP', '', 'Interview at Imigrasi Denpasar went smoothly; the officer asked about sources of income.', true],
    ['KITAP', '', 'Explained that the KITAP is valid for five years and no longer needs yearly extensions.'],
    ['KITAP', '', 'Client asked about travelling during processing; advised to wait until the application is approved.', true],
    ['VISA', 'arrival', 'Client is on a visa on arrival; the extension must be filed before day 30.'],
    ['VISA', '', 'Collected the passport for the photo and fingerprint appointment.', true],
    ['VISA', '', 'Sent invoice and document list for the visa; client will pay by bank transfer.'],
    ['VISA', 'E33E', 'Explained that the second-home visa needs proof of funds in an Indonesian bank.'],
    ['VISA', '', 'Visa approved; e-visa PDF forwarded by email and WhatsApp.', true],
    ['VISA', 'visit', 'Client overstayed by one day last trip; explained the IDR 1,000,000 daily fine.'],
    ['VISA', 'business', 'Invitation letter from the Indonesian partner company received; uploading to the e-visa portal.'],
    ['PT_PMA', '55130', 'Went through KBLI options; villa rental (55130) fits better than general real estate.'],
    ['PT_PMA', 'setup', 'Walked {first} through the investment plan per KBLI code and the paid-up capital rules.'],
    ['PT_PMA', 'setup', 'Deed of establishment signed at the notary; waiting for approval from the Ministry of Law.', true],
    ['PT_PMA', 'setup', 'NIB issued through OSS; next step is the LKPM quarterly report.', true],
    ['PT_PMA', 'setup', 'Client asked about nominee arrangements; explained why we only set up proper PT PMA structures.'],
    ['PT_PMA', '', 'Domicile letter for the {area} office arrived and was uploaded to OSS.'],
    ['PT_PMA', 'LKPM', 'LKPM for last quarter submitted in OSS; receipt sent to the client.', true],
    ['PT_PMA', 'LKPM', 'Asked the accountant for realised investment figures for the LKPM.'],
    ['PT_PMA', '68111', 'Checked that adding KBLI 68111 does not change the minimum investment plan.'],
    ['TAX', 'Tahunan', "Collected last year's income summary and bank interest statements for the SPT."],
    ['TAX', 'NPWP', 'NPWP issued; sent the digital card and explained the Coretax login.', true],
    ['TAX', '', 'Explained the 183-day rule; {first} is likely an Indonesian tax resident this year.'],
    ['TAX', 'PPh 21', 'PPh 21 for the villa staff filed for last month; payment receipt sent to client.', true],
    ['TAX', 'Tahunan', 'Reminded client that the individual SPT Tahunan is due by 31 March.'],
    ['TAX', '', 'Client asked about double taxation; checked the tax treaty with their home country.'],
    ['TAX', '4(2)', 'Lease payments confirmed; final tax is 10% of the gross rent, billing code created.', true],
    ['TAX', 'Badan', 'Financial statements from the accountant received; corporate return due by 30 April.'],
    ['PROPERTY', 'due diligence', "Requested the SHM certificate copy and the owner's ID from the seller's notary."],
    ['PROPERTY', 'villa', 'Zoning check: the plot is in a green zone, advised {first} not to proceed.'],
    ['PROPERTY', 'ease', 'Reviewed the draft lease: 25 years with an option to extend, but no extension price clause.'],
    ['PROPERTY', 'Hak Pakai', 'Explained that Hak Pakai needs a KITAS or KITAP and is tied to residence status.'],
    ['PROPERTY', '', 'Checked the certificate at the land office (BPN); no encumbrances recorded.', true],
    ['PROPERTY', 'PBG', 'PBG status unclear; asked the developer for the building approval before signing.'],
    ['LEGAL', 'deed', 'Sent the draft deed amendment; client wants to change the director and add a commissioner.'],
    ['LEGAL', '', 'Notary appointment confirmed for Thursday at 10:00 in Denpasar.', true],
    ['LEGAL', 'PKWT', 'Reviewed employment contracts for local staff; the PKWT terms need updating.'],
    ['LEGAL', 'Will', 'Client asked about a will for Indonesian assets; introduced our partner notary.'],
    ['LEGAL', 'attorney', 'Power of attorney signed and legalised; scanned copy stored in the client folder.', true],
    ['LEGAL', '', 'Sent the engagement letter and fee estimate; {first} approved it by email.'],
];
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
const FIRST_CONTACTS = [
    ['EMAIL', 'First enquiry via the website form; asked about staying long-term in Bali.'],
    ['WHATSAPP', 'Referred by an existing client; wants help with a visa and possibly a company.'],
    ['MEETING', 'Walk-in at the Canggu office; initial consultation about residence options.'],
    ['WHATSAPP', 'Inbound WhatsApp after our Instagram post about the second-home visa.'],
    ['MEETING', 'Met at a networking event in Ubud; follow-up call booked.'],
    ['PHONE', 'Their property agent called us; the client needs a lease reviewed before signing.'],
    ['WHATSAPP', 'Found us on Google Maps; asked which visa allows a stay longer than 60 days.'],
    ['EMAIL', 'Introduced by a coworking space in Canggu; interested in the remote-worker KITAS.'],
];
const CHANNELS = { WHATSAPP: 45, EMAIL: 28, PHONE: 10, MEETING: 7, NOTE: 10 };
const OPEN = { INQUIRY: 2, DOCUMENTS_PENDING: 4, SUBMITTED: 3, IN_PROGRESS: 3, APPROVED: 1 };
const SETTLED = { ...OPEN, COMPLETED: 6 };
const MIXED = { ...SETTLED, CANCELLED: 2, REJECTED: 1 };
const LEAD_STAGE = { INQUIRY: 2, DOCUMENTS_PENDING: 1 };
const CLOSED = { COMPLETED: 6, CANCELLED: 3, REJECTED: 1 };
const OPEN_STATUSES = new Set(Object.keys(OPEN));
const LATE_STATUSES = new Set(['SUBMITTED', 'IN_PROGRESS', 'APPROVED', 'COMPLETED']);
const stayGroup = (type) => (type === 'KITAS' || type === 'KITAP' || type === 'VISA' ? 'STAY' : type);
function mulberry32(seed) {
    let a = seed >>> 0;
    return () => {
        a = (a + 0x6d2b79f5) >>> 0;
        let t = a;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
}
function randomTools(seed) {
    const next = mulberry32(seed);
    const int = (min, max) => min + Math.floor(next() * (max - min + 1));
    const chance = (p) => next() < p;
    function pick(items) {
        const item = items[Math.floor(next() * items.length)];
        if (item === undefined)
            throw new Error('pick from an empty list');
        return item;
    }
    function weighted(items, weightOf) {
        let roll = next() * items.reduce((sum, item) => sum + weightOf(item), 0);
        for (const item of items)
            if ((roll -= weightOf(item)) < 0)
                return item;
        return pick(items);
    }
    const oneOf = (weights) => weighted(entries(weights), ([, w]) => w)[0];
    const shuffle = (items) => items
        .map((value) => ({ value, key: next() }))
        .sort((a, b) => a.key - b.key)
        .map((e) => e.value);
    return { int, chance, pick, weighted, oneOf, shuffle };
}
const entries = (weights) => Object.entries(weights);
const repeat = (counts) => entries(counts).flatMap(([k, n]) => Array(n).fill(k));
const emailPart = (s) => s
    .toLowerCase()
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .normalize('NFD')
    .replace(/[^a-z]/g, '');
/** Deterministic demo data for an empty CRM database: team, clients, practices and interaction history. */
function demoData() {
    const r = randomTools(SEED);
    const fill = (text, first = '') => text.replace(/\{area\}/g, () => r.pick(AREAS)).replace(/\{first\}/g, first);
    const digits = (pattern) => pattern.replace(/[#N]/g, (c) => String(r.int(c === 'N' ? 2 : 0, 9)));
    const anyMember = () => r.weighted(MEMBERS, (m) => m[3])[0];
    const members = MEMBERS.map(([key, name, role]) => {
        const parts = name.split(' ');
        return { key, name, role, email: `${emailPart(parts[0] ?? '')}.${emailPart(parts.at(-1) ?? '')}@team.example.com` };
    });
    const nations = r.shuffle(NATIONS.flatMap((nation) => Array(nation.count).fill(nation)));
    const statuses = r.shuffle(repeat({ ACTIVE: 36, LEAD: 9, INACTIVE: 5 }));
    const contactGaps = r.shuffle(repeat({ EMAIL: 3, PHONE: 3, NONE: 44 }));
    const usedNames = new Set();
    const usedEmails = new Set();
    const drafts = nations
        .map(({ code, phone, firstNames, lastNames }, i) => {
        const status = statuses[i] ?? 'ACTIVE';
        let first = '';
        let last = '';
        let fullName = '';
        do {
            first = r.pick(firstNames);
            last = r.pick(lastNames) + (code === 'RU' && first.endsWith('a') ? 'a' : '');
            fullName = FAMILY_NAME_FIRST.has(code) ? `${last} ${first}` : `${first} ${last}`;
        } while (usedNames.has(fullName));
        usedNames.add(fullName);
        const [a, b] = FAMILY_NAME_FIRST.has(code) ? [emailPart(last), emailPart(first)] : [emailPart(first), emailPart(last)];
        const styles = [`${a}.${b}`, `${a}.${b}`, `${a}${b}`, `${a.charAt(0)}.${b}`, `${a}_${b}${r.int(70, 99)}`];
        let local = r.pick(styles);
        while (usedEmails.has(local))
            local += String(r.int(1, 9));
        usedEmails.add(local);
        const client = {
            fullName,
            email: contactGaps[i] === 'EMAIL' ? null : `${local}@${r.pick(EMAIL_DOMAINS)}`,
            phone: contactGaps[i] === 'PHONE' ? null : digits(r.chance(0.35) ? r.pick(LOCAL_PHONES) : phone),
            nationality: code,
            status,
            notes: r.chance(0.45) ? fill(r.pick(CLIENT_NOTES)) : null,
            createdDaysAgo: status === 'LEAD' ? r.int(1, 45) : status === 'INACTIVE' ? r.int(250, 700) : r.int(15, 700),
        };
        return { first, client };
    })
        .sort((x, y) => y.client.createdDaysAgo - x.client.createdDaysAgo);
    const clients = [];
    const practices = [];
    const interactions = [];
    drafts.forEach(({ first, client: draft }, i) => {
        const client = { key: `client-${String(i + 1).padStart(2, '0')}`, ...draft };
        clients.push(client);
        const created = client.createdDaysAgo;
        const active = client.status === 'ACTIVE';
        const count = client.status === 'LEAD' ? (r.chance(0.3) ? 2 : 1) : active ? r.pick([1, 1, 2, 2, 2, 3, 3]) : r.int(1, 2);
        const usedGroups = new Set();
        const own = [];
        for (let p = 0; p < count; p++) {
            const residencePermit = active && p === 0 && created >= 120 && r.chance(0.75);
            const pool = TEMPLATES.filter((t) => !usedGroups.has(stayGroup(t[0])) && (!residencePermit || t[2] > 0));
            const [type, titleTemplate, validity] = r.weighted(pool, (t) => t[3]);
            usedGroups.add(stayGroup(type));
            const status = client.status === 'LEAD'
                ? r.oneOf(LEAD_STAGE)
                : client.status === 'INACTIVE'
                    ? r.oneOf(CLOSED)
                    : created < 45
                        ? r.oneOf(OPEN)
                        : residencePermit && r.chance(0.7)
                            ? 'COMPLETED'
                            : r.oneOf(p === 0 ? SETTLED : MIXED);
            let opened;
            let dueInDays = null;
            let expiresInDays = null;
            if (OPEN_STATUSES.has(status)) {
                const overdue = created >= 15 && r.chance(0.1);
                opened = overdue ? r.int(10, Math.min(created, 90)) : r.int(0, Math.min(created, 75));
                dueInDays = overdue ? r.int(-5, -1) : status === 'APPROVED' ? r.int(0, 14) : r.int(0, 60);
            }
            else if (status === 'COMPLETED' && validity > 0) {
                const processing = r.int(10, 35);
                const roll = r.int(0, 99);
                const target = !active ? r.int(-240, -10) : roll < 10 ? r.int(-20, -1) : roll < 50 ? r.int(5, 90) : r.int(91, 330);
                opened = Math.min(created, validity + processing - Math.min(target, validity - 1));
                expiresInDays = validity + processing - opened;
            }
            else if (status === 'COMPLETED') {
                opened = r.int(Math.min(created, 30), created);
            }
            else {
                opened = r.int(Math.min(created, 20), created);
                if (opened >= 25 && r.chance(0.4))
                    dueInDays = -r.int(5, opened - 15);
            }
            const notes = PRACTICE_NOTES.filter(([t]) => t === type).map(([, text]) => text);
            own.push({
                key: '',
                clientKey: client.key,
                type,
                status,
                title: fill(titleTemplate),
                assigneeKey: (status === 'INQUIRY' && r.chance(0.3)) || r.chance(0.03) ? null : anyMember(),
                dueInDays,
                expiresInDays,
                notes: r.chance(0.4) ? r.pick(notes) : null,
                openedDaysAgo: opened,
            });
        }
        for (const practice of own.sort((x, y) => y.openedDaysAgo - x.openedDaysAgo)) {
            practice.key = `practice-${String(practices.length + 1).padStart(3, '0')}`;
            practices.push(practice);
        }
        const [contactChannel, contactSummary] = r.pick(FIRST_CONTACTS);
        const history = [
            {
                clientKey: client.key,
                practiceKey: null,
                authorKey: anyMember(),
                channel: contactChannel,
                summary: contactSummary,
                daysAgo: created,
            },
        ];
        const said = new Set();
        const total = active ? r.pick([2, 3, 3, 4, 4, 4, 5, 5]) : r.int(2, 3);
        for (let n = 1; n < total; n++) {
            const candidate = r.chance(0.9) ? r.pick(own) : null;
            const specific = SUMMARIES.filter(([type, match, text, late]) => candidate?.type === type && candidate.title.includes(match) && !said.has(text) && (!late || LATE_STATUSES.has(candidate.status)));
            const practice = specific.length > 0 ? candidate : null;
            const chosen = practice ? r.pick(specific) : undefined;
            const summary = chosen?.[2] ?? r.pick(GENERAL_SUMMARIES.filter((text) => !said.has(text)));
            said.add(summary);
            const hi = practice?.openedDaysAgo ?? created;
            const lo = practice && !OPEN_STATUSES.has(practice.status) ? Math.max(0, hi - 45) : 0;
            const mid = Math.floor((lo + hi) / 2);
            history.push({
                clientKey: client.key,
                practiceKey: practice?.key ?? null,
                authorKey: practice?.assigneeKey ?? anyMember(),
                channel: r.oneOf(CHANNELS),
                summary: fill(summary, first),
                daysAgo: !practice ? r.int(0, created) : chosen?.[3] ? r.int(lo, mid) : r.int(mid, hi),
            });
        }
        interactions.push(...history.sort((x, y) => y.daysAgo - x.daysAgo));
    });
    return { members, clients, practices, interactions };
}
//# sourceMappingURL=demo-data.js.map