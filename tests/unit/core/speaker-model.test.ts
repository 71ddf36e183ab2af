// The speaker model, one rule per row: a few lines of a document in, the
// speaker of one of its sentences out (name, and role or affiliation where
// the rule is about them). The lines are in the forms real transcripts use
// (see tests/fixtures/transcripts/README.md); none is a fixture's text.
import { describe, expect, it } from 'vitest';

import { parseDocument } from '../../../lib/core/parse-document';
import { findSpeakerLabels } from '../../../lib/core/speaker-labels';
import type { DocumentKind, ParsedDocument, Speaker } from '../../../lib/core/types';

function parse(text: string, title = '', kind: DocumentKind = 'other'): ParsedDocument {
  return parseDocument({ id: 't', title, kind, date: '', publisher: 'Publisher', text });
}

/** The speaker of the segment holding `sentence`; null for the publisher. */
function speakerOf(parsed: ParsedDocument, sentence: string): Speaker | null {
  const at = parsed.text.indexOf(sentence);
  if (at < 0) throw new Error(`not in the text: ${sentence}`);
  const segment = parsed.segments.find(s => s.start <= at && at < s.end);
  if (!segment) throw new Error(`in no segment: ${sentence}`);
  return segment.speaker === null ? null : parsed.speakers[segment.speaker]!;
}

type Row = [
  form: string,
  text: string,
  sentence: string,
  expected: string | null | Partial<Speaker>,
  title?: string,
];

function check([, text, sentence, expected, title]: Row): void {
  const speaker = speakerOf(parse(text, title), sentence);
  if (expected === null) expect(speaker).toBeNull();
  else if (typeof expected === 'string') expect(speaker?.name).toBe(expected);
  else expect(speaker).toMatchObject(expected);
}

describe('label forms', () => {
  it.each<Row>([
    [
      'name and role in capitals, after a comma',
      'ANTHONY ALBANESE, PRIME MINISTER: We delivered two surpluses.\n\nLAURA TINGLE, NATIONAL PRESS CLUB PRESIDENT: Thank you.',
      'We delivered two surpluses.',
      { name: 'Anthony Albanese', role: 'Prime Minister' },
    ],
    [
      'several descriptors after commas',
      'JAKE TAPPER, CNN HOST, THE LEAD WITH JAKE TAPPER: Welcome back.\n\nDANA BASH, CNN CORRESPONDENT: Thanks, Jake.',
      'Welcome back.',
      { name: 'Jake Tapper', role: 'CNN Host' },
    ],
    [
      'title abbreviations before the name, party and state kept',
      'SEN. MARCO RUBIO (R-Fla.): It is just not true.\n\nGOV. CHRIS CHRISTIE: There it is.',
      'It is just not true.',
      { name: 'Marco Rubio', role: 'Senator (R-Fla.)' },
    ],
    [
      'a party in parentheses before a role after a comma',
      'REP. NANCY PELOSI (D-CA), SPEAKER OF THE HOUSE: That is a total game changer.\n\nWALLACE: Thank you.',
      'That is a total game changer.',
      { name: 'Nancy Pelosi', role: 'Speaker of the House (D-CA)' },
    ],
    [
      'a label ending in a full stop, surname in capitals',
      '  Mr. SCHUMER. Madam President, the Senate has work to do.\n\n  Mr. McCONNELL. Mr. President, I disagree.',
      'Madam President, the Senate has work to do.',
      'Schumer',
    ],
    [
      'a full-stop label, the surname with a Mc prefix in normal case',
      'Mr. SCHUMER. Madam President, the Senate has work to do.\n\nMr. McCONNELL. Mr. President, I disagree.',
      'Mr. President, I disagree.',
      'McConnell',
    ],
    [
      'a full-stop label with a title',
      'May 3, 2023\nCHAIR POWELL. Good afternoon. Conditions have improved.\nMICHELLE SMITH. Thank you.',
      'Conditions have improved.',
      { name: 'Powell', role: 'Chair' },
    ],
    [
      'a full-stop role label',
      'The PRESIDING OFFICER. The Senator from Iowa.\n\nMr. GRASSLEY. Thank you, Mr. President.',
      'The Senator from Iowa.',
      'Presiding Officer',
    ],
    [
      'a full-stop label: name, role',
      'President. The next item is the statement.\n\nBarroso, President-designate of the Commission. (ES) Mr President, I congratulate you.',
      'Mr President, I congratulate you.',
      { name: 'Barroso', role: 'President-designate of the Commission' },
    ],
    [
      '`Q` and two spaces',
      'MS. PSAKI:  Hello, everybody.\n\nQ    Thank you, Jen. Two questions on Russia.\n\nMS. PSAKI:  Sure.',
      'Two questions on Russia.',
      'Question',
    ],
    [
      '`Q` and one space, used several times',
      'MS. PSAKI: Hi, everyone.\n\nQ Hello. Good to see you.\n\nMS. PSAKI: Good to see you.\n\nQ Thanks, Jen. What about China?',
      'What about China?',
      'Question',
    ],
    [
      '`Q` alone on its line',
      'MR. KIRBY: Good morning.\n\nQ\nWhat is the timeline?\n\nMR. KIRBY: Soon.',
      'What is the timeline?',
      'Question',
    ],
    [
      'initials declared once',
      'Vassy Kapelos (VK): Hi Prime Minister.\n\nPrime Minister Justin Trudeau (PMJT): Hello Vassy.\n\nVK: What keeps you up at night?\n\nPMJT: Canada’s role in the world.',
      'What keeps you up at night?',
      'Vassy Kapelos',
    ],
    [
      'initials of role and name',
      'Vassy Kapelos (VK): Hi Prime Minister.\n\nPrime Minister Justin Trudeau (PMJT): Hello Vassy.\n\nVK: What keeps you up at night?\n\nPMJT: Canada’s role in the world.',
      'Canada’s role in the world.',
      { name: 'Justin Trudeau', role: 'Prime Minister' },
    ],
    [
      'an outlet in square brackets',
      'Moderator: Next question.\n\nMax Delany [AFP]: Will talks continue?\n\nMinister Carl Dahl: Yes.',
      'Will talks continue?',
      { name: 'Max Delany', affiliation: 'AFP' },
    ],
    [
      'Hansard header with an image’s alt text',
      'Keir Starmer Portrait The Prime Minister (Keir Starmer)\n- View Speech - Hansard - -\n\nMay I start by condemning the repression?\n\nLincoln Jopp Portrait Lincoln Jopp (Spelthorne) (Con)\n- View Speech - Hansard - -\n\nI associate myself with those remarks.',
      'May I start by condemning the repression?',
      { name: 'Keir Starmer', role: 'Prime Minister' },
    ],
    [
      'TheyWorkForYou-style header, alt text glued to the name',
      'Photo of Peter DuttonPeter Dutton (Dickson, Liberal Party, Leader of the Opposition) Share this | | Hansard source\n\nMy question is to the Prime Minister.\n\n2:02 pm\n\nPhoto of Anthony AlbaneseAnthony Albanese (Grayndler, Australian Labor Party, Prime Minister) Share this | | Hansard source\n\nI thank the Leader of the Opposition.',
      'My question is to the Prime Minister.',
      { name: 'Peter Dutton', role: 'Leader of the Opposition', affiliation: 'Liberal Party' },
    ],
    [
      'openparliament header: name, party, riding',
      'Resuming debate\n\n11:50 a.m.\n\nNDP\n\nPeter Julian NDP New Westminster—Burnaby, BC\n\nMadam Speaker, the attacks must stop.\n\nResuming debate\n\n11:51 a.m.\n\nLiberal\n\nThe Assistant Deputy Speaker (Mrs. Alexandra Mendès) Liberal Alexandra Mendes\n\nI have to remind the member of the time.',
      'I have to remind the member of the time.',
      { name: 'Alexandra Mendès', role: 'Assistant Deputy Speaker' },
    ],
    [
      'a heading between turns is nobody’s',
      'Resuming debate\n\n11:50 a.m.\n\nNDP\n\nPeter Julian NDP New Westminster—Burnaby, BC\n\nMadam Speaker, the attacks must stop.\n\nResuming debate\n\n11:51 a.m.\n\nLiberal\n\nThe Assistant Deputy Speaker (Mrs. Alexandra Mendès) Liberal Alexandra Mendes\n\nI have to remind the member of the time.',
      'Resuming debate',
      null,
    ],
    [
      'a caption label in lower case',
      '>> mr. graham: we need to get this done.\n>> sen. klobuchar: i agree with that.',
      'we need to get this done.',
      'Graham',
    ],
    [
      'a label after a caption bullet',
      '  • AMNA NAWAZ: Good evening.\n\n  • JOE BIDEN, President of the United States: I know what I am doing.\n\n  • AMNA NAWAZ: Welcome.',
      'I know what I am doing.',
      { name: 'Joe Biden', role: 'President of the United States' },
    ],
    [
      'a label glued to its turn',
      'CHUCK TODD:Can Hillary Clinton come back?\n\nSEN. BERNIE SANDERS:It is pretty good.',
      'Can Hillary Clinton come back?',
      'Chuck Todd',
    ],
    [
      'a label alone on its line',
      'CHUCK TODD:\n\nThis Sunday, the primary.\n\nGOV. CHRIS CHRISTIE:\n\nThere it is.',
      'There it is.',
      { name: 'Chris Christie', role: 'Governor' },
    ],
    [
      '`Name: (mm:ss)` on its own line',
      'Tarik Jasarevic: (00:00)\nThe flight has departed.\n\nDr. Tedros: (00:38)\nThank you, Tarik.',
      'The flight has departed.',
      'Tarik Jasarevic',
    ],
    [
      'turns with timestamps on one line',
      'Speaker 1: (00:00) Why should the statute not fall? Mr. Stewart: (00:29) I guess the sequence matters. Speaker 1: (00:47) Okay.',
      'I guess the sequence matters.',
      'Stewart',
    ],
    [
      'a caption’s voice tag',
      '0:00:00.680 --> 0:00:03.199\n<v Jane Doe>Hello, and welcome to the show.\n\n0:00:03.360 --> 0:00:09.280\n<v Speaker 2>Thanks for having me.',
      'Hello, and welcome to the show.',
      'Jane Doe',
    ],
    [
      'a numbered speaker the transcript does not name',
      'Speaker 1: (00:00) Why should the statute not fall? Mr. Stewart: (00:29) I guess the sequence matters.',
      'Why should the statute not fall?',
      'Speaker 1',
    ],
    [
      'labels in capitals inside a line whose breaks were lost',
      'P R O C E E D I N G S MR. WITTES: So welcome to the Institution. My name is Benjamin Wittes. I am not moderating this event, so I will just turn it over to you. MR. HIATT: Thank you, Ben. We missed you.',
      'We missed you.',
      'Hiatt',
    ],
    [
      'a label used once among others',
      'Shri Arindam Bagchi, Official Spokesperson: Go ahead.\n\nRishabh: Sir, on Canada.\n\nShri Arindam Bagchi, Official Spokesperson: This is at Windsor?\n\nRishabh: Yes sir.\nRaza: Raza from the Hindustan Times. Today China talked about journalists.',
      'Today China talked about journalists.',
      { name: 'Raza', affiliation: 'Hindustan Times' },
    ],
    [
      'an honorific title in front of the name goes',
      'Shri Arindam Bagchi, Official Spokesperson: Good evening.\n\nShri Yatin Patel, OSD (PR): Gautam is asking a question.',
      'Good evening.',
      { name: 'Arindam Bagchi', role: 'Official Spokesperson' },
    ],
    [
      'a form of address is no role; the role in parentheses is',
      'RIGHT HONOURABLE JUSTIN TRUDEAU (Prime Minister of Canada): Thank you Manon.\nGood afternoon, everyone.',
      'Good afternoon, everyone.',
      { name: 'Justin Trudeau', role: 'Prime Minister of Canada' },
    ],
    [
      'an outlet, then the questioner’s surname',
      'Yomiuri Shimbun, Yokobori:In the press conference, the minister criticised Japan.\n\nMs. ONO Hikariko, Press Secretary:I would like to refrain from commenting.',
      'In the press conference, the minister criticised Japan.',
      { name: 'Yokobori', affiliation: 'Yomiuri Shimbun' },
    ],
    [
      'a family name in capitals before the given name',
      'Yomiuri Shimbun, Yokobori:In the press conference, the minister criticised Japan.\n\nMs. ONO Hikariko, Press Secretary:I would like to refrain from commenting.',
      'I would like to refrain from commenting.',
      { name: 'Hikariko Ono', role: 'Press Secretary' },
    ],
    [
      'a name in brackets alone on its line',
      'Watch the replay\n\n[Rose Kimeu Craigue]\nGood afternoon, everyone. Welcome to this town hall.\n\n[Ajay Banga]\nThank you, Rose.',
      'Welcome to this town hall.',
      'Rose Kimeu Craigue',
    ],
    [
      'a stage direction in parentheses is dropped',
      'CHRIS WALLACE, FOX NEWS ANCHOR: I’m Chris Wallace.\n\nWALLACE (voice-over): Grim news as the pandemic spreads.\n\nWALLACE (on camera): Hello again.',
      'Grim news as the pandemic spreads.',
      { name: 'Chris Wallace', role: 'FOX News Anchor' },
    ],
    [
      'a country and the language of interpretation',
      'The President: I give the floor to the representative of Kuwait.\n\nMr. Abulhasan (Kuwait) (interpretation from Arabic): Even at this hour, I congratulate you.',
      'Even at this hour, I congratulate you.',
      { name: 'Abulhasan', affiliation: 'Kuwait' },
    ],
    [
      'a court record: line numbers before the labels, the court as the judge',
      '1-08        THE COURT:    Mr. Jones and Smith.\n\n1-09        MR. JONES:    Good morning, your Honor.\n\n1-10   William Jones, plaintiff.\n\n1-11        THE COURT:    Father of a minor.',
      'Good morning, your Honor.',
      'William Jones',
    ],
    [
      'a court record: the court',
      '1-08        THE COURT:    Mr. Jones and Smith.\n\n1-09        MR. JONES:    Good morning, your Honor.\n\n1-11        THE COURT:    Father of a minor.',
      'Father of a minor.',
      'Judge',
    ],
    [
      'a court record whose line breaks were lost, line numbers inside',
      '(Case called) 2 MS. COHEN: Good afternoon, your Honor. Carrie Cohen for the government, along with our paralegal. 6 THE COURT: Good afternoon. 7 MR. KUTNER: Jeremy Kutner for The New York Times.',
      'Jeremy Kutner for The New York Times.',
      'Jeremy Kutner',
    ],
    [
      'a long position, a dash, then the position and name',
      'President of Russia Vladimir Putin: Mr Peskov, please.\n\nDeputy Chief of Staff of the Presidential Executive Office – Presidential Press Secretary Dmitry Peskov: Let us begin.',
      'Let us begin.',
      { name: 'Dmitry Peskov', role: 'Presidential Press Secretary' },
    ],
    [
      'an initial and a surname → the full name the text gives',
      'The programme is hosted by Dmitry Kulko and Alexandra Suvorova.\n\nDmitry Peskov: Hello everyone!\n\nA. Suvorova: Hello! This is the programme.',
      'This is the programme.',
      'Alexandra Suvorova',
    ],
    [
      'German: a title abbreviation, and a question by a journalist',
      'FRAGE HOENIG: Herr Seibert, wie bewertet die Kanzlerin das?\n\nSTS SEIBERT: Dazu muss man sehr klar sein.',
      'Herr Seibert, wie bewertet die Kanzlerin das?',
      { name: 'Hoenig', role: 'Question' },
    ],
  ])('%s', (...row) => check(row));
});

describe('lines that are no labels', () => {
  it.each([
    ['a navigation line', 'Full Debate: Read Full Debate\nDepartment: Cabinet Office\n'],
    ['a headline with a colon', 'Question Time: Last Two Weeks Of Parliament\n\nMain text here.'],
    ['a field and its value', 'IBAN: DE85 4306 0967 1047 7929 00\nDate: March 7, 2010\n'],
    ['a headline in capitals', 'BREAKING NEWS: MARKETS FALL ON RATE FEARS\n\nShares fell.'],
    [
      'a title with a part number',
      "Mitch Part 4: 'Not A Happy Choice'\n\nMitch Part 4: the story.",
    ],
    [
      'a field naming the speaker',
      'Speaker: Ms. Julie Kozack, Director of the Communications Department, IMF\n\nText.',
    ],
    [
      'a sentence ending in a colon',
      'Our approach has two parts:\nstrong deterrence and dialogue.',
    ],
    ['a plain word used once', 'Finally: we go home.'],
    ['a heading after a full stop', 'SENATE LEGISLATIVE AGENDA. The Senate met today.'],
    [
      'photo captions above the paragraphs of an article',
      'Talks resume\n\nAntony Blinken (AFP)\n\nBlinken said on Monday that the talks would continue in Geneva.\n\nSergey Lavrov (Reuters)\n\n“We will respond,” Lavrov said, adding that Moscow had made its position clear.',
    ],
  ])('%s', (_, text) => {
    expect(findSpeakerLabels(text)).toEqual([]);
  });
});

describe('resolution rules', () => {
  it.each<Row>([
    [
      'a surname label → the person the title names',
      'MS. PSAKI: Okay. Happy Tuesday, everyone.\n\nQ Thank you.\n\nMS. PSAKI: Sure.',
      'Happy Tuesday, everyone.',
      { name: 'Jen Psaki', role: 'Press Secretary' },
      'Press Briefing by Press Secretary Jen Psaki, February 8, 2022',
    ],
    [
      'a surname label → a name alone on a header line',
      'Daily Press Briefing\n\nJen Psaki\nDaily Press Briefing\nWashington, DC\n\nMS. PSAKI: Hi, everyone.\n\nQUESTION: From the top.',
      'Hi, everyone.',
      'Jen Psaki',
    ],
    [
      'a surname label → a self-introduction',
      'MR. MURRAY: I’m Bill Murray, Chief of Media Relations, and this is the briefing.\n\nMR. LIPSKY: Thanks, Bill.',
      'Thanks, Bill.',
      'Lipsky',
    ],
    [
      'a surname label → its own self-introduction',
      'MR. MURRAY: I’m Bill Murray, Chief of Media Relations, and this is the briefing.\n\nMR. LIPSKY: Thanks, Bill.',
      'and this is the briefing.',
      'Bill Murray',
    ],
    [
      'a surname label → an earlier fuller label',
      'MITCH MCCONNELL: What he said was outrageous.\n\nJUDY WOODRUFF: What now?\n\nMCCONNELL: He needs to back off.',
      'He needs to back off.',
      'Mitch McConnell',
    ],
    [
      'a surname label → a name in the lead',
      'On the eve of the meetings, World Bank president Ajay Banga discusses the roadmap.\n\nFROMAN: Welcome.\n\nBANGA: Thank you.',
      'Thank you.',
      'Ajay Banga',
    ],
    [
      'a surname with two full names in the text stays a surname',
      'Donald Trump and Melania Trump arrived.\n\nTAPPER: Here they are.\n\nTRUMP: Thank you all.',
      'Thank you all.',
      'Trump',
    ],
    [
      'a family name in capitals in the title',
      'Reporter: Please share your thoughts.\n\nMinister MOTEGI: We are collecting information.',
      'We are collecting information.',
      { name: 'Toshimitsu Motegi', role: 'Foreign Minister' },
      'Extraordinary Press Conference by Foreign Minister MOTEGI Toshimitsu',
    ],
    [
      'a role label → the person the title names in that role',
      'THE PRESIDENT: Thank you all for coming.\n\nQ: Mr. President, one question.',
      'Thank you all for coming.',
      'Joe Biden',
      'Remarks by President Joe Biden on the Economy',
    ],
    [
      'initials of a position → its holder named in the title',
      'SG: The floods are a climate catastrophe.\n\nQuestion: What will you ask donors?',
      'The floods are a climate catastrophe.',
      'António Guterres',
      'Press Conference by Secretary-General António Guterres in Islamabad',
    ],
    [
      'initials of a position nobody in the document holds',
      'SG: The floods are a climate catastrophe.\n\nQuestion: What will you ask donors?',
      'The floods are a climate catastrophe.',
      'Secretary-General (name not in the document)',
      'Press conference in Islamabad',
    ],
    [
      'a role label whose speaker introduces themselves',
      'HOST: Good morning, I’m Jane Doe and this is the programme.\n\nGUEST: Thanks for having me.\n\nHOST: Let us begin.',
      'Let us begin.',
      'Jane Doe',
    ],
    [
      'an unnamed questioner is never the host',
      'HOST: Good morning, I’m Jane Doe.\n\nQ: Why now?\n\nHOST: Good question.',
      'Why now?',
      'Question',
    ],
    [
      'the opening statement → the title’s byline',
      'The White House\n\nGood afternoon. I have two announcements today.\n\nQ: On Ukraine?',
      'I have two announcements today.',
      'Jen Psaki',
      'Press Briefing by Press Secretary Jen Psaki',
    ],
    [
      'the opening statement → a stake-out’s speaker in the title',
      'after his meetings at the White House\n(As delivered)\nGood afternoon, thank you for being available.\nQuestion:\nWill the US stay?\nNATO Secretary General Mark Rutte:\nYes.',
      'Good afternoon, thank you for being available.',
      'Mark Rutte',
      'Press stake-out with NATO Secretary General Mark Rutte',
    ],
    [
      'the lead of an interview names a guest who does not open it',
      'Prime Minister Justin Trudeau sat down with host Vassy Kapelos.\n\nHere is the full transcript of that interview:\n\nVassy Kapelos: Hi.\n\nJustin Trudeau: Hello.',
      'Here is the full transcript of that interview:',
      null,
      'Full transcript of Prime Minister Justin Trudeau’s year-end interview',
    ],
    [
      'opening words of hosts who introduce themselves',
      'Hey, I’m Kelly McEvers.\n\nAnd I’m Eric Mennel.\n\nMCEVERS: And this is the show.\n\nMENNEL: He insulted everyone.',
      'He insulted everyone.',
      'Eric Mennel',
    ],
    [
      'a statement without labels → the person its title names',
      'Statement by President von der Leyen at the press conference\n\nThank you very much, dear Roberta,\n\nToday is a good day for Europe. I am very grateful for the confidence. We are eager to start. I have full confidence in my team.',
      'Today is a good day for Europe.',
      'von der Leyen',
      'Statement by President von der Leyen at the press conference',
    ],
    [
      'a speech without labels → the person its lead names',
      'Speech\n\nPrime Minister Boris Johnson’s opening remarks at today’s press conference.\n\nThe Rt Hon Boris Johnson\n\nEarlier today Sue Gray published her report,\n\nwhich I commissioned,\n\nand I am grateful to her for her work.\n\nI want to start by saying that I am humbled.',
      'I want to start by saying that I am humbled.',
      { name: 'Boris Johnson', role: 'Prime Minister' },
    ],
    [
      'a briefing by one spokesperson, reported speech included',
      'The following is a near-verbatim transcript of today’s noon briefing by Stéphane Dujarric, Spokesperson for the Secretary-General.\n\nAll right, good afternoon. I’ll start with an update from our colleagues.\n\nThe High Commissioner for Refugees warns that support is needed. We will keep you posted.',
      'The High Commissioner for Refugees warns that support is needed.',
      'Stéphane Dujarric',
    ],
    [
      'an article about a speech is not the speech',
      'Johnson’s remarks at the press conference\n\nThe prime minister said he was humbled. Critics said the apology came late. He faces a vote.',
      'Critics said the apology came late.',
      null,
      'Johnson’s remarks at the press conference',
    ],
    [
      'a statement read out in quotation marks over several paragraphs',
      'Refugees\n\nAndrej Mahecic, for the United Nations Refugee Agency (UNHCR), read the following statement:\n\n“Teams report that refugees arrived last night.\n\nSo far more than 10,100 refugees have crossed the border.\n\nWe are grateful for the response.”\n\nOther news\n\nThe meeting will take place on Monday.',
      'So far more than 10,100 refugees have crossed the border.',
      'Andrej Mahecic',
    ],
    [
      'reported speech after an apposition',
      'Jenifer Fenton, for the Office of the Special Envoy for Syria (OSE), said that the Committee would be convened in Geneva.',
      'Jenifer Fenton, for the Office of the Special Envoy for Syria (OSE), said that',
      'Jenifer Fenton',
    ],
    [
      'a live page: a surname used alone, `he tells her`',
      'Laura now asks whether Starmer would suspend an MP that votes against him.\n\n"I think it is very important for Parliament to speak on this," he says.\n\nAre you willing to be unpopular, Laura asks.\n\n"We are going to have to be unpopular," he tells her.\n\nWe have been hearing Starmer defend the decision.',
      'We are going to have to be unpopular,',
      'Starmer',
    ],
  ])('%s', (...row) => check(row));
});
