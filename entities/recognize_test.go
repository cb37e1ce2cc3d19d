package entities

import (
	"context"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// none asserts that a role or affiliation is empty.
const none = "<none>"

// want is an expectation about one mention, found by its text and, when the
// text occurs more than once as a mention, its occurrence.
type want struct {
	text string
	nth  int
	kind Kind
	// role, aff, entity and source are checked when not empty; none asks
	// for an empty value, and entity "-" for an unresolved mention.
	role   string
	aff    string
	entity string
	source string
	quoted bool
}

// recognizeCase is one table case: a text, its quotations (as substrings),
// the mentions expected, the texts that must not be mentions, and why.
type recognizeCase struct {
	text   string
	quoted []string
	want   []want
	absent []string
	reason string
}

var recognizeCases = []recognizeCase{
	// Titles before the name.
	{text: "Chinese President Xi Jinping arrived on Monday.",
		want:   []want{{text: "Xi Jinping", kind: Person, role: "President", aff: "China", source: "Chinese President Xi Jinping"}},
		reason: "a nationality adjective and a title before a name give affiliation and role"},
	{text: "North Korean leader Kim Jong-un left Beijing on Thursday.",
		want:   []want{{text: "Kim Jong-un", kind: Person, role: "leader", aff: "North Korea"}},
		reason: "a lower-case title after a two-word nationality"},
	{text: "The meeting was praised by White House press secretary Josh Earnest.",
		want:   []want{{text: "Josh Earnest", kind: Person, role: "press secretary", aff: "White House", source: "White House press secretary Josh Earnest"}, {text: "White House", kind: Organization}},
		reason: "an organization before a two-word title is the affiliation and a mention of its own"},
	{text: "The poll was run by longtime Democratic pollster Pat Caddell last spring.",
		want:   []want{{text: "Pat Caddell", kind: Person, role: "pollster", aff: "Democratic Party", source: "longtime Democratic pollster Pat Caddell"}},
		reason: "a descriptor joins the source but not the role; a party adjective names the party"},
	{text: "Sen. Elizabeth Warren (D-Mass.) voted against the bill.",
		want:   []want{{text: "Elizabeth Warren", kind: Person, role: "Senator", aff: "Democratic Party", source: "Sen. Elizabeth Warren (D-Mass.)"}},
		reason: "an abbreviated title is written out and a party-state parenthetical gives the party"},
	{text: "On Saturday Sen. Ann Ruiz said the plan was reckless.",
		want:   []want{{text: "Ann Ruiz", kind: Person, role: "Senator", source: "Sen. Ann Ruiz"}},
		reason: "a day before the title is a time adverbial, not an affiliation"},
	{text: "Earlier this month Mayor Ann Ruiz opened the tunnel.",
		want:   []want{{text: "Ann Ruiz", kind: Person, role: "Mayor", aff: none}},
		reason: "a time noun before the title is not part of the role"},
	{text: "Rep. Tom Hollis (R-Texas) called the plan reckless.",
		want:   []want{{text: "Tom Hollis", kind: Person, role: "Representative", aff: "Republican Party"}},
		reason: "a state written in full inside the parenthetical"},
	{text: "Foreign Ministry spokesman Lu Wen told a briefing the talks would go on.",
		want:   []want{{text: "Lu Wen", kind: Person, role: "spokesman", aff: "Foreign Ministry"}, {text: "Foreign Ministry", kind: Organization}},
		reason: "X spokesman Y: the organization before the title is the affiliation"},
	{text: "Former Secretary of State Helen Marsh spoke first.",
		want:   []want{{text: "Helen Marsh", kind: Person, role: "Former Secretary of State"}},
		reason: "a title written with of, opened by former"},
	{text: "Apple CEO Dana Whitfield unveiled the phone.",
		want:   []want{{text: "Dana Whitfield", kind: Person, role: "CEO", aff: "Apple"}},
		reason: "an unknown company name before an acronym title is the affiliation"},
	{text: "Senate Majority Leader Mitch Colby scheduled a vote.",
		want:   []want{{text: "Mitch Colby", kind: Person, role: "Majority Leader", aff: "Senate"}},
		reason: "a title word group after an institution"},
	{text: "Florida Gov. Rick Dalton signed the law.",
		want:   []want{{text: "Rick Dalton", kind: Person, role: "Governor", aff: "Florida"}},
		reason: "a state before an abbreviated title"},
	{text: "Former New York Gov. George Pell endorsed him.",
		want:   []want{{text: "George Pell", kind: Person, role: "former Governor", aff: "New York"}},
		reason: "a capitalised descriptor at the start of a sentence is no affiliation"},
	{text: "Texas Republican Sen. Ted Brant criticized the deal.",
		want:   []want{{text: "Ted Brant", kind: Person, role: "Senator", aff: "Republican Party"}},
		reason: "of two affiliations the nearer one is kept"},
	{text: "The plan was attacked by U.S. Defense Secretary Ash Cole.",
		want:   []want{{text: "Ash Cole", kind: Person, role: "Defense Secretary", aff: "United States"}},
		reason: "U.S. is written as its country"},
	{text: "President Donald Trump spoke to reporters.",
		want:   []want{{text: "Donald Trump", kind: Person, role: "President", aff: "United States"}},
		reason: "a national title with no country and an English first name defaults to the United States"},
	{text: "Mr. Hedge said the clubs were struggling.",
		want:   []want{{text: "Hedge", kind: Person, role: none, source: "Mr. Hedge"}},
		reason: "an honorific is no role but makes a person of a single word"},
	{text: "Ms. Ortiz thanked the volunteers. She then left.",
		want:   []want{{text: "Ortiz", kind: Person}, {text: "She", kind: Person, entity: "Ortiz"}},
		reason: "an honorific gives the gender a pronoun agrees with"},
	{text: "Republican presidential candidate Donald Trump held a rally in Iowa.",
		want:   []want{{text: "Donald Trump", kind: Person, role: "presidential candidate", aff: "Republican Party"}},
		reason: "a lower-case modifier is part of the role"},
	{text: "Prime Minister Shinzo Abe met the delegation in Tokyo.",
		want:   []want{{text: "Shinzo Abe", kind: Person, role: "Prime Minister"}, {text: "Tokyo", kind: Place}},
		reason: "a two-word title from the list"},
	{text: "Supporters cheered when Vice President Joe Biden arrived.",
		want:   []want{{text: "Joe Biden", kind: Person, role: "Vice President"}},
		reason: "Vice President is one title"},
	{text: "Oscar-winning actress Susan Sarandon joined the march.",
		want:   []want{{text: "Susan Sarandon", kind: Person, role: "actress", aff: none}},
		reason: "a compound adjective before a title describes and is no affiliation"},
	{text: "FBI general counsel James Baker testified.",
		want:   []want{{text: "James Baker", kind: Person, role: "general counsel", aff: "FBI"}, {text: "FBI", kind: Organization}},
		reason: "an acronym before a lower-case title"},

	// Appositives after the name.
	{text: `"It is a turning point," Kim Heung-kyu, a China expert at Ajou University, told reporters.`,
		quoted: []string{"It is a turning point,"},
		want:   []want{{text: "Kim Heung-kyu", kind: Person, role: "China expert", aff: "Ajou University", source: "Kim Heung-kyu, a China expert at Ajou University"}, {text: "Ajou University", kind: Organization}},
		reason: "an appositive with a topic before the head and the affiliation after at"},
	{text: `"The burden is real," Park Won-gon, professor of international relations at Handong Global University, said.`,
		quoted: []string{"The burden is real,"},
		want:   []want{{text: "Park Won-gon", kind: Person, role: "professor of international relations", aff: "Handong Global University"}},
		reason: "of with a lower-case complement stays in the role"},
	{text: "Mara Quinn, the former chief of the Central Intelligence Agency, disagreed.",
		want:   []want{{text: "Mara Quinn", kind: Person, role: "former chief", aff: "Central Intelligence Agency"}},
		reason: "of before a proper name gives the affiliation"},
	{text: "Leon Brandt, who heads the Pacific Trade Council, welcomed the move.",
		want:   []want{{text: "Leon Brandt", kind: Person, role: "head", aff: "Pacific Trade Council"}},
		reason: "a relative clause with heads"},
	{text: "Nora Velde, a spokeswoman for the State Department, declined to comment.",
		want:   []want{{text: "Nora Velde", kind: Person, role: "spokeswoman", aff: "State Department"}},
		reason: "a spokesperson for X"},
	{text: "Mike Pence, Indiana's governor, signed the bill.",
		want:   []want{{text: "Mike Pence", kind: Person, role: "governor", aff: "Indiana"}},
		reason: "a possessive inside the appositive"},
	{text: "Kim Jong-un, the North Korean leader, inspected the site.",
		want:   []want{{text: "Kim Jong-un", kind: Person, role: "leader", aff: "North Korea"}},
		reason: "a nationality inside a definite appositive"},
	{text: "Gwen Talley, a Democratic strategist, said the race was tight.",
		want:   []want{{text: "Gwen Talley", kind: Person, role: "strategist", aff: "Democratic Party"}},
		reason: "a party adjective inside an appositive"},
	{text: "Omar Reyes, 54, a lawyer in Chicago, filed the suit.",
		want:   []want{{text: "Omar Reyes", kind: Person, role: "lawyer", aff: "Chicago"}},
		reason: "an age before the appositive is skipped"},
	{text: "Lena Ito, who is a senior fellow at the Brookings Institution, wrote the report.",
		want:   []want{{text: "Lena Ito", kind: Person, role: "senior fellow", aff: "Brookings Institution"}},
		reason: "who is introduces a role noun phrase"},
	{text: "The debate with Trump, Cruz and Rubio ran late.",
		want:   []want{{text: "Trump", role: none}},
		absent: []string{"Cruz and Rubio"},
		reason: "a list of names is no appositive"},
	{text: "A ministry spokesman, Noh Kyu-duk, said the talks would resume.",
		want:   []want{{text: "Noh Kyu-duk", kind: Person, role: "spokesman", aff: "ministry", source: "A ministry spokesman, Noh Kyu-duk"}},
		absent: []string{"A ministry spokesman"},
		reason: "a nominal before an appositive name gives the name its role"},
	{text: "One Republican hopeful, Carla Fenn, dropped out.",
		want:   []want{{text: "Carla Fenn", kind: Person, role: "hopeful", aff: "Republican Party"}},
		reason: "any noun for a person can introduce an appositive name"},
	{text: "Jorge Ruiz, an economist with Banco Central, expects a cut.",
		want:   []want{{text: "Jorge Ruiz", kind: Person, role: "economist", aff: "Banco Central"}},
		reason: "with introduces an affiliation"},
	{text: "Paul Ortega, an adviser to the mayor, resigned.",
		want:   []want{{text: "Paul Ortega", kind: Person, role: "adviser", aff: "mayor"}},
		reason: "to introduces the person advised"},

	// Organizations.
	{text: "China's Xinhua News Agency reported the meeting.",
		want:   []want{{text: "Xinhua News Agency", kind: Organization, aff: "China", source: "China's Xinhua News Agency"}},
		absent: []string{"China"},
		reason: "a possessive country anchors an organization and is its affiliation"},
	{text: "The Korean Central News Agency (KCNA) said the visit was a success. KCNA added that more talks were planned.",
		want:   []want{{text: "Korean Central News Agency", kind: Organization, source: "Korean Central News Agency (KCNA)"}, {text: "KCNA", kind: Organization, entity: "Korean Central News Agency"}},
		reason: "an acronym defined in parentheses joins its organization"},
	{text: "Seoul's foreign ministry voiced hope for the talks.",
		want:   []want{{text: "foreign ministry", kind: Organization, aff: "Seoul", entity: "Seoul's foreign ministry", source: "Seoul's foreign ministry"}},
		reason: "a capital's possessive anchors a lower-case ministry"},
	{text: "The New York Times first reported the plan.",
		want:   []want{{text: "New York Times", kind: Organization}},
		reason: "a newspaper name ends in Times"},
	{text: "Analysts at the Center for Strategic and International Studies disagreed.",
		want:   []want{{text: "Center for Strategic and International Studies", kind: Organization}},
		reason: "for and and join the words of an organization name"},
	{text: "The Bank of Korea raised rates. The bank said inflation was too high.",
		want:   []want{{text: "Bank of Korea", kind: Organization}, {text: "The bank", kind: Organization, entity: "Bank of Korea"}},
		reason: "a definite nominal joins the organization with its head word"},
	{text: "Officials at Handong Global University confirmed the hire.",
		want:   []want{{text: "Handong Global University", kind: Organization}},
		reason: "a name ending in University"},
	{text: "The Ministry of Foreign Affairs issued a statement.",
		want:   []want{{text: "Ministry of Foreign Affairs", kind: Organization}},
		reason: "an organization word before of"},
	{text: "The campaign manager quit, and the Trump campaign said it would hire another.",
		want:   []want{{text: "the Trump campaign", kind: Organization}},
		reason: "a name before a lower-case organization word makes an organization"},
	{text: "Procter & Gamble said profits rose.",
		want:   []want{{text: "Procter & Gamble", kind: Organization}},
		reason: "names joined by an ampersand are a firm"},
	{text: "NATO said its troops would stay.",
		want:   []want{{text: "NATO", kind: Organization}, {text: "its", kind: Organization, entity: "NATO"}},
		reason: "an acronym is an organization and takes its"},
	{text: "Yonhap News Agency reported the talks. Yonhap said they would resume.",
		want:   []want{{text: "Yonhap", kind: Organization, entity: "Yonhap News Agency"}},
		reason: "the first word of an organization name refers to it"},

	// Places and governments.
	{text: "Pyongyang wants sanctions relief, and Washington said it would consider it.",
		want:   []want{{text: "Pyongyang", kind: Organization}, {text: "Washington", kind: Organization}},
		reason: "a capital that is the subject of a verb is its government"},
	{text: "Kim invited Xi to visit Pyongyang next year.",
		want:   []want{{text: "Pyongyang", kind: Place}},
		reason: "a capital that is an object is a place"},
	{text: "Critics said Beijing has failed to deliver.",
		want:   []want{{text: "Beijing", kind: Organization}},
		reason: "a subject after that"},
	{text: "Officials in Beijing said the talks went well.",
		want:   []want{{text: "Beijing", kind: Place}},
		reason: "a capital after in is a place even before a verb"},
	{text: "The summit between the U.S. and North Korea was delayed.",
		want:   []want{{text: "U.S.", kind: Place, entity: "United States"}, {text: "North Korea", kind: Place}},
		reason: "countries and their other names"},
	{text: "North Korea fired a missile, and the North said it was a test.",
		want:   []want{{text: "the North", kind: Organization, entity: "North Korea"}},
		reason: "the North stands for North Korea when the article names it"},
	{text: "SEOUL, Jan. 10 (Yonhap) -- The talks resumed.",
		want:   []want{{text: "SEOUL", kind: Place, entity: "Seoul"}},
		reason: "a dateline in capitals is a place"},
	{text: "Tourists flocked to the Korean Peninsula.",
		want:   []want{{text: "Korean Peninsula", kind: Place}},
		reason: "a name ending in a place word"},

	// Groups.
	{text: "Analysts said the summit was a success.",
		want:   []want{{text: "Analysts", kind: Group, entity: "analysts"}},
		reason: "a plural noun for sources at the start of a sentence"},
	{text: "Some analysts said the summit was a success.",
		want:   []want{{text: "Some analysts", kind: Group}},
		reason: "a quantifier is part of the group"},
	{text: "U.S. officials said the deal was close.",
		want:   []want{{text: "U.S. officials", kind: Group, aff: "United States"}},
		absent: []string{"U.S."},
		reason: "a country before a group is its affiliation, not a mention of its own"},
	{text: "Republican leaders rejected the plan.",
		want:   []want{{text: "Republican leaders", kind: Group, aff: "Republican Party"}},
		reason: "a party adjective before a group"},
	{text: "Republicans have criticized the decision.",
		want:   []want{{text: "Republicans", kind: Group, aff: "Republican Party"}},
		reason: "party members are a group"},
	{text: "Many Americans disagree, polls show.",
		want:   []want{{text: "Many Americans", kind: Group, aff: "United States"}},
		reason: "a plural demonym is a group of its country"},
	{text: "Observers said the visit was symbolic, and critics agreed.",
		want:   []want{{text: "Observers", kind: Group}, {text: "critics", kind: Group}},
		reason: "several group nouns"},
	{text: "White House aides were stunned.",
		want:   []want{{text: "White House aides", kind: Group, aff: "White House"}},
		reason: "an organization name before a group is absorbed as its affiliation"},
	{text: "Trump's aides denied the report.",
		want:   []want{{text: "aides", kind: Group, aff: "Trump", source: "Trump's aides"}},
		reason: "a possessive name before a group is its affiliation and stays a mention"},
	{text: "Voters in Iowa head to the polls on Monday.",
		want:   []want{{text: "Voters", kind: Group, aff: "Iowa", source: "Voters in Iowa"}},
		reason: "a place after in gives the group an affiliation"},

	// Anonymous sources.
	{text: `Seoul's foreign ministry voiced hope. "We expect progress," a ministry official told reporters.`,
		quoted: []string{"We expect progress,"},
		want:   []want{{text: "a ministry official", kind: Anonymous, role: "official", aff: "Seoul's foreign ministry"}},
		reason: "an anonymous source takes the organization its modifier names from the context"},
	{text: "A senior administration official said the plan was dead.",
		want:   []want{{text: "A senior administration official", kind: Anonymous, role: "official", aff: "administration"}},
		reason: "an organization word with no antecedent stays as written"},
	{text: "A person familiar with the talks said no date was set.",
		want:   []want{{text: "A person", kind: Anonymous, source: "A person familiar with the talks"}},
		reason: "a person familiar with something is a source"},
	{text: "Sources said the talks had stalled.",
		want:   []want{{text: "Sources", kind: Anonymous}},
		reason: "sources are anonymous"},
	{text: "A spokesman for the State Department declined to comment.",
		want:   []want{{text: "A spokesman", kind: Anonymous, role: "spokesman", aff: "State Department"}},
		reason: "a spokesman for X without a name"},
	{text: "The Pentagon Agency issued a report, and a spokesman said it was final.",
		want:   []want{{text: "a spokesman", kind: Anonymous, role: "spokesman"}},
		reason: "a spokesman with no name is anonymous"},
	{text: "One aide said the president was furious.",
		want:   []want{{text: "One aide", kind: Anonymous, role: "aide"}},
		reason: "one as a determiner"},
	{text: "People familiar with the matter said the firm would be sold.",
		want:   []want{{text: "People", kind: Anonymous, source: "People familiar with the matter"}},
		reason: "people familiar with the matter are anonymous sources"},
	{text: "A Chinese diplomat said the meeting was useful.",
		want:   []want{{text: "A Chinese diplomat", kind: Anonymous, role: "diplomat", aff: "China"}},
		reason: "a nationality before an anonymous noun"},
	{text: "The official said he could not be named.",
		want:   []want{{text: "The official", kind: Anonymous}, {text: "he", kind: Anonymous, entity: "the official"}},
		reason: "a definite nominal with no antecedent is anonymous; its name keeps no capital from the sentence start"},

	// Pronouns.
	{text: `"In a nutshell, Kim's visit was a step," he added.`,
		quoted: []string{"In a nutshell, Kim's visit was a step,"},
		want:   []want{{text: "he", kind: Person, entity: "-"}},
		reason: "a name inside a quotation is never the antecedent of a pronoun outside it"},
	{text: `Kim Heung-kyu spoke to Yonhap. "Kim's visit was a step," he added.`,
		quoted: []string{"Kim's visit was a step,"},
		want:   []want{{text: "he", kind: Person, entity: "Kim Heung-kyu"}},
		reason: "the pronoun skips the quoted Kim and finds the speaker before the quotation"},
	{text: "Xinhua reported the meeting. Kim said he would return, it added.",
		want:   []want{{text: "it", kind: Organization, entity: "Xinhua"}, {text: "he", kind: Person, entity: "Kim"}},
		reason: "it skips people; a speaking pronoun prefers an earlier speaker"},
	{text: "Hillary Clinton met Bill Barnes. She said the meeting went well.",
		want:   []want{{text: "She", kind: Person, entity: "Hillary Clinton"}},
		reason: "gender agreement from first names"},
	{text: "Hillary Clinton met Bill Barnes. He said the meeting went well.",
		want:   []want{{text: "He", kind: Person, entity: "Bill Barnes"}},
		reason: "gender agreement skips the nearer subject"},
	{text: "During his meeting with Kim in Beijing, Xi pledged support.",
		want:   []want{{text: "his", kind: Person, entity: "Xi"}},
		reason: "a pronoun in a fronted phrase refers to the subject after it"},
	{text: "The analysts met on Friday. They said growth would slow.",
		want:   []want{{text: "They", kind: Group, entity: "analysts"}},
		reason: "they takes a group"},
	{text: "Kim and Trump are preparing for their second meeting.",
		want:   []want{{text: "their", entity: "-"}},
		reason: "their after a coordination of two people is left unresolved rather than given to one"},
	{text: "Trump attacked him on Twitter after Carl Weiss criticized the plan.",
		want:   []want{{text: "him", entity: "-"}},
		reason: "an object pronoun is never the subject of its own clause"},
	{text: "Anna Berg said she would run, and we will see.",
		want:   []want{{text: "she", kind: Person, entity: "Anna Berg"}, {text: "we", entity: "-"}},
		reason: "first-person pronouns are marked but not resolved"},
	{text: "It is likely that the ministry will act.",
		absent: []string{"It"},
		reason: "an expletive it is no mention"},

	// Coreference of names.
	{text: "Donald Trump spoke. Later, Trump left.",
		want:   []want{{text: "Trump", kind: Person, entity: "Donald Trump"}},
		reason: "a surname joins the full name"},
	{text: "Xi Jinping arrived. Xi then met officials.",
		want:   []want{{text: "Xi", kind: Person, entity: "Xi Jinping"}},
		reason: "a surname written first (no English first name) joins the full name"},
	{text: "North Korean leader Kim Jong-un met Xi. Kim said the talks were useful.\nKim Heung-kyu, an expert at Ajou University, said the visit mattered. He spoke by phone.\nKim has many reasons to talk.",
		want:   []want{{text: "Kim", nth: 0, entity: "Kim Jong-un"}, {text: "Kim", nth: 1, entity: "Kim Jong-un"}, {text: "Kim Heung-kyu", entity: "Kim Heung-kyu"}},
		reason: "a bare surname shared by two people goes to the one the article already calls by it"},
	{text: "North Korean leader Kim Jong-un met Xi. Kim said the talks were useful. Kim Heung-kyu, an expert at Ajou University, said the visit mattered. Kim added that more talks would follow.",
		want:   []want{{text: "Kim", nth: 1, entity: "Kim Heung-kyu"}},
		reason: "a bare surname right after another person's full name refers to that person"},
	{text: "Kim Heung-kyu, an expert at Ajou University, said the visit mattered. Kim added that more talks would follow.",
		want:   []want{{text: "Kim", entity: "Kim Heung-kyu"}},
		reason: "a bare surname with one candidate joins it"},
	{text: "Hillary Rodham Clinton spoke. Hillary Clinton then left.",
		want:   []want{{text: "Hillary Clinton", entity: "Hillary Rodham Clinton"}},
		reason: "first and last names agree although a middle name differs"},
	{text: "Donald J. Trump said so. Donald Trump repeated it.",
		want:   []want{{text: "Donald Trump", entity: "Donald J. Trump"}},
		reason: "initials are ignored when clustering"},
	{text: "Chinese President Xi Jinping arrived. Xi said the talks went well.",
		want:   []want{{text: "Xi", role: "President", aff: "China"}},
		reason: "a role found once holds for every later mention"},
	{text: "Sen. Elizabeth Warren (D-Mass.) spoke. The senator said she would vote no.",
		want:   []want{{text: "The senator", kind: Person, entity: "Elizabeth Warren"}, {text: "she", entity: "Elizabeth Warren"}},
		reason: "a definite nominal joins the person whose role it names"},

	{text: "Sen. Bernie Sanders of Vermont won the primary.",
		want:   []want{{text: "Bernie Sanders", kind: Person, role: "Senator", aff: "Vermont", source: "Sen. Bernie Sanders of Vermont"}},
		reason: "of and a state after a titled name give the affiliation"},
	{text: "Col. Muammar el-Qaddafi was killed in 2011.",
		want:   []want{{text: "Muammar el-Qaddafi", kind: Person, role: "Colonel"}},
		reason: "a name with an Arabic article written in lower case"},
	{text: "The Federal Reserve held rates. The Fed said inflation had cooled.",
		want:   []want{{text: "Fed", kind: Organization, entity: "Federal Reserve"}},
		reason: "a clipped first word refers to the organization"},
	{text: "Megan Greene, chief economist at Manulife, expects a cut.",
		want:   []want{{text: "Megan Greene", role: "chief economist", aff: "Manulife"}, {text: "Manulife", kind: Organization}},
		reason: "an unknown name that affiliates a role holder is an organization"},
	{text: "Mrs. Clinton's campaign said it raised more money.",
		want:   []want{{text: "campaign", kind: Organization, aff: "Clinton", source: "Mrs. Clinton's campaign"}},
		reason: "an honorific is left out of an affiliation"},
	{text: "President Barack Obama spoke. Voters will choose the next president in November.",
		want:   []want{{text: "the next president", kind: Anonymous, entity: "the next president"}},
		reason: "a nominal whose modifier is not in the person's role does not join the person"},
	{text: "Oil prices rose across the Middle East.",
		want:   []want{{text: "Middle East", kind: Place}},
		reason: "a region from the list"},

	{text: "Former Maryland Gov. Martin O'Malley said so.",
		want:   []want{{text: "Martin O'Malley", kind: Person, role: "former Governor", aff: "Maryland"}},
		reason: "a name with an apostrophe stays one name"},
	{text: "Jo Smithy, 33, of Baldwin, Miss., dismissed it.",
		want:   []want{{text: "Baldwin", kind: Place}, {text: "Miss.", kind: Place, entity: "Mississippi"}, {text: "it", entity: "-"}},
		reason: "a city before a state is a place (the state keeps its stop between commas), and an object it is no place"},
	{text: "The former chief of the Central Intelligence Agency said the threat was real.",
		want:   []want{{text: "The former chief", kind: Anonymous, role: "former chief", aff: "Central Intelligence Agency"}},
		reason: "an unnamed former chief of X takes X as affiliation"},

	// Things that are not mentions.
	{text: "On Thursday morning, the delegation left.",
		absent: []string{"Thursday"},
		reason: "days are no names"},
	{text: "The Korean War ended in an armistice.",
		absent: []string{"Korean War"},
		reason: "a name ending in an event word is no entity"},
	{text: "The summit raised hopes for a 2nd Trump-Kim meeting.",
		absent: []string{"Trump-Kim"},
		reason: "a compound of names joined by a hyphen names no one"},
	{text: "Chief among them is his pledge to develop the economy.",
		absent: []string{"Chief"},
		reason: "a capitalised title at the start of a sentence with no name after it"},
	{text: "Go to Contents",
		absent: []string{"Go"},
		reason: "a verb at the start of a line is no name"},
	{text: "FULL TEXT: the senator spoke.",
		absent: []string{"FULL TEXT"},
		reason: "a heading in capitals is no name"},
	{text: "Analysts said that investors were nervous.",
		want:   []want{{text: "investors", kind: Group}},
		absent: []string{"that investors"},
		reason: "that after a verb is a conjunction, not a determiner"},
}

func TestRecognize(t *testing.T) {
	rec, err := NewRecognizer()
	require.NoError(t, err)
	for _, tc := range recognizeCases {
		t.Run(tc.text, func(t *testing.T) {
			doc, err := Parse(context.Background(), tc.text)
			require.NoError(t, err)
			var quoted []Span
			for _, q := range tc.quoted {
				i := strings.Index(tc.text, q)
				require.GreaterOrEqual(t, i, 0, "quotation %q not in text", q)
				quoted = append(quoted, Span{i, i + len(q)})
			}
			an, err := rec.Recognize(context.Background(), doc, quoted)
			require.NoError(t, err)
			checkInvariants(t, doc, an)
			for _, w := range tc.want {
				m, ok := findMention(an, w.text, w.nth)
				if !assert.True(t, ok, "no mention %q (%s); mentions: %s", w.text, tc.reason, mentionTexts(an)) {
					continue
				}
				if w.kind != Unknown {
					assert.Equal(t, w.kind, m.Kind, "kind of %q (%s)", w.text, tc.reason)
				}
				checkString(t, "role", w.text, w.role, m.Role, tc.reason)
				checkString(t, "affiliation", w.text, w.aff, m.Affiliation, tc.reason)
				if w.source != "" {
					assert.Equal(t, w.source, m.Source.In(doc.Text), "source of %q (%s)", w.text, tc.reason)
				}
				switch {
				case w.entity == "-":
					assert.Equal(t, -1, m.Entity, "%q should be unresolved (%s)", w.text, tc.reason)
				case w.entity != "":
					if assert.GreaterOrEqual(t, m.Entity, 0, "%q unresolved (%s)", w.text, tc.reason) {
						assert.Equal(t, w.entity, an.Entities[m.Entity].Name, "entity of %q (%s)", w.text, tc.reason)
					}
				}
			}
			for _, a := range tc.absent {
				_, ok := findMention(an, a, 0)
				assert.False(t, ok, "%q should be no mention (%s)", a, tc.reason)
			}
		})
	}
}

func checkString(t *testing.T, what, text, want, got, reason string) {
	t.Helper()
	switch want {
	case "":
	case none:
		assert.Empty(t, got, "%s of %q (%s)", what, text, reason)
	default:
		assert.Equal(t, want, got, "%s of %q (%s)", what, text, reason)
	}
}

// findMention returns the nth mention whose text is text.
func findMention(an *Analysis, text string, nth int) (Mention, bool) {
	for _, m := range an.Mentions {
		if m.Text == text {
			if nth == 0 {
				return m, true
			}
			nth--
		}
	}
	return Mention{}, false
}

func mentionTexts(an *Analysis) string {
	var b strings.Builder
	for _, m := range an.Mentions {
		b.WriteString("[" + m.Text + " " + m.Kind.String() + "]")
	}
	return b.String()
}

// checkInvariants asserts what every Analysis promises: mentions sorted and
// not overlapping, spans inside the text, Text equal to the span's text,
// Source holding Span, entity indices valid and consistent.
func checkInvariants(t *testing.T, doc *Document, an *Analysis) {
	t.Helper()
	last := 0
	for i, m := range an.Mentions {
		require.True(t, m.Start >= last && m.Start < m.End && m.End <= len(doc.Text), "mention %d span %v", i, m.Span)
		require.Equal(t, doc.Text[m.Start:m.End], m.Text)
		require.True(t, m.Source.Contains(m.Span), "mention %d source %v does not hold %v", i, m.Source, m.Span)
		require.True(t, m.Source.End <= len(doc.Text) && m.Source.Start >= 0)
		require.True(t, m.Confidence >= 0 && m.Confidence <= 1)
		require.True(t, m.Entity >= -1 && m.Entity < len(an.Entities), "mention %d entity %d", i, m.Entity)
		last = m.End
	}
	for e, ent := range an.Entities {
		require.NotEmpty(t, ent.Mentions, "entity %d has no mentions", e)
		for _, k := range ent.Mentions {
			require.True(t, k >= 0 && k < len(an.Mentions))
			require.Equal(t, e, an.Mentions[k].Entity, "entity %d lists mention %d of entity %d", e, k, an.Mentions[k].Entity)
		}
	}
}

// TestRecognizeConcurrent runs one Recognizer from several goroutines and
// checks that each gets the result of a lone call.
func TestRecognizeConcurrent(t *testing.T) {
	var parts []string
	for _, tc := range recognizeCases {
		parts = append(parts, tc.text)
	}
	text := strings.Join(parts, "\n")
	doc, err := Parse(context.Background(), text)
	require.NoError(t, err)
	rec, err := NewRecognizer()
	require.NoError(t, err)
	want, err := rec.Recognize(context.Background(), doc, nil)
	require.NoError(t, err)
	results := make(chan *Analysis, 4)
	for i := 0; i < 4; i++ {
		go func() {
			an, _ := rec.Recognize(context.Background(), doc, nil)
			results <- an
		}()
	}
	for i := 0; i < 4; i++ {
		assert.Equal(t, want, <-results)
	}
}

func TestRecognizeEdgeCases(t *testing.T) {
	rec, err := NewRecognizer()
	require.NoError(t, err)
	an, err := rec.Recognize(context.Background(), nil, nil)
	require.NoError(t, err)
	assert.Empty(t, an.Mentions)
	assert.NotNil(t, an.Entities)

	// A nil context is refused, not dereferenced.
	var nilCtx context.Context
	_, err = rec.Recognize(nilCtx, &Document{}, nil)
	assert.ErrorIs(t, err, ErrNilContext)

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	doc, err := Parse(context.Background(), "Kim said so.")
	require.NoError(t, err)
	_, err = rec.Recognize(ctx, doc, nil)
	assert.ErrorIs(t, err, context.Canceled)

	// Quotations out of order, overlapping or outside the text are
	// accepted.
	an, err = rec.Recognize(context.Background(), doc, []Span{{50, 60}, {0, 3}, {2, 1}})
	require.NoError(t, err)
	checkInvariants(t, doc, an)
}
