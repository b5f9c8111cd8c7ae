import { loadGazetteer } from './src/nlp/ner/gazetteer.ts';
import { loadModel } from './src/nlp/ner/model.ts';
import { Tagger } from './src/nlp/ner/tagger.ts';
import { recognize } from './src/nlp/ner/recognizer.ts';
const t = new Tagger(loadModel(process.argv[2] ?? '/tmp/ner19/model.bin'), loadGazetteer());
const tok = (s: string) => s.match(/[’']s\b|\w+(?:-\w+)*(?:['’](?!s\b)\w+)*|[^\s\w]/g)!;
const docs = [
 ["SYRIAN FORCES CLASH WITH DRUZE FIGHTERS NEAR SWEIDA", "Interim President Ahmed al-Sharaa said on Tuesday that Syrian forces would withdraw from Sweida.", "Al-Sharaa’s office gave no timetable.", "Bedouin tribes and Druze militias have fought for a week, according to the Syrian Observatory for Human Rights."],
 ["Kemal Oduya arrived in Nairobi late on Friday.", "Oduya, a former finance minister, told Reuters that talks with the IMF had stalled.", "Mr Oduya's aides declined to comment."],
 ["police in manchester arrested two men after the attack, greater manchester police said.", "the home secretary, yvette cooper, visited the scene with andy burnham."],
 ["Siobhan O'Neill, the Irish foreign minister, met Omar al-Jazrawi in Baghdad.", "Sunni and Shia leaders welcomed the meeting, while Islamists in Mosul rejected it."],
 ["Zoltraxa Industries chief executive Vilmar Teskovich said the Brekland plant would close."],
];
for (const d of docs) {
  const sents = d.map(tok);
  const tags = recognize(sents, t);
  console.log(sents.map((s, i) => s.map((w, j) => tags[i][j] === 'O' ? w : `${w}/${tags[i][j]}`).join(' ')).join('\n'));
  console.log();
}
