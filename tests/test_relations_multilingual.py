"""The fifteen relations in French, Spanish, Portuguese, Russian and German, from small hand-written
news sentences through the real pipeline (spaCy and the gazetteer for fr; the gazetteer engine for es,
pt, ru and de, which have no installed NLP model). Each relation in each language, plus negation,
planned facts, relative dates, capitals standing for their states, amounts, word order (German verb
second, verb last and separable verbs; Russian case forms) and sentences that must give no fact.

The data under test is ontology/lang/<lang>/{triggers,grammar,dates}.tsv. Every case is its own
document and its own extract() call, so that no case borrows another case's entities."""
from __future__ import annotations

from dataclasses import dataclass

import pytest

from newskg.extract.model import DateValue, Document, Fact
from newskg.extract.pipeline import extract
from newskg.ontology.relations import RELATIONS, SYMMETRIC

LANGS = ("fr", "es", "pt", "ru", "de")
ENGINE = {"fr": "auto"}  # spaCy fr_core_news_sm is installed; the others run on the gazetteer alone
PUBLISHED = "2024-03-15"  # a Friday: lundi/lunes/segunda/понедельник/Montag is 2024-03-11, hier 2024-03-14


@dataclass(frozen=True)
class Want:
    relation: str
    subject: str
    object: str
    status: str = "occurred"
    date: str | None = None
    amount: float | None = None
    currency: str | None = None


def W(relation: str, subject: str, obj: str, status: str = "occurred", date: str | None = None,
      amount: float | None = None, currency: str | None = None) -> Want:
    return Want(relation, subject, obj, status, date, amount, currency)


P, D = "planned", "denied"

# (case id, language, text, every fact expected: holdsPosition is compared only where a case expects it)
CASES: list[tuple[str, str, str, list[Want]]] = [
    # --- French
    ("fr-met", "fr", "Emmanuel Macron a rencontré Xi Jinping lundi à Paris.",
     [W("met", "emmanuel-macron", "xi-jinping", date="2024-03-11")]),
    ("fr-met-received", "fr", "Mardi, le président Emmanuel Macron a reçu Lula à l'Élysée.",
     [W("met", "emmanuel-macron", "lula", date="2024-03-12")]),
    ("fr-met-title-np", "fr", "Sergueï Lavrov s'est entretenu avec son homologue chinois Wang Yi à Pékin.",
     [W("met", "sergey-lavrov", "wang-yi")]),
    ("fr-met-two", "fr", "Emmanuel Macron et Olaf Scholz se sont rencontrés à Berlin.",
     [W("met", "emmanuel-macron", "olaf-scholz")]),
    ("fr-met-modi", "fr", "Le Premier ministre indien Narendra Modi s'est entretenu avec Emmanuel Macron à l'Élysée.",
     [W("met", "narendra-modi", "emmanuel-macron")]),
    ("fr-talkedTo", "fr", "Olaf Scholz s'est entretenu par téléphone avec Volodymyr Zelensky.",
     [W("talkedTo", "olaf-scholz", "volodymyr-zelensky")]),
    ("fr-talkedTo-noun", "fr", "Emmanuel Macron a eu un entretien téléphonique avec Vladimir Poutine le 3 mars.",
     [W("talkedTo", "emmanuel-macron", "vladimir-putin", date="2024-03-03")]),
    ("fr-talkedTo-last-year", "fr", "Vladimir Poutine a téléphoné à Recep Tayyip Erdoğan l'année dernière.",
     [W("talkedTo", "vladimir-putin", "recep-tayyip-erdogan", date="2023")]),
    ("fr-visited", "fr", "Le président Emmanuel Macron s'est rendu en Chine le 5 avril 2023.",
     [W("visited", "emmanuel-macron", "china", date="2023-04-05")]),
    ("fr-visited-article", "fr", "Le chancelier Olaf Scholz a visité la Chine.", [W("visited", "olaf-scholz", "china")]),
    ("fr-visited-state-visit", "fr", "Xi Jinping effectue une visite d'État en France.",
     [W("visited", "xi-jinping", "france")]),
    ("fr-planned-visit", "fr", "Lula se rendra à Moscou.", [W("visited", "lula", "moscow", P)]),
    ("fr-planned-modal", "fr", "Pedro Sánchez doit se rendre à Pékin.", [W("visited", "pedro-sanchez", "beijing", P)]),
    ("fr-denied-future", "fr", "Emmanuel Macron ne se rendra pas en Russie.",
     [W("visited", "emmanuel-macron", "russia", D)]),
    ("fr-invited", "fr", "Xi Jinping a invité Emmanuel Macron à se rendre en Chine.",
     [W("invited", "xi-jinping", "emmanuel-macron"), W("visited", "emmanuel-macron", "china", P)]),
    ("fr-invited-accepted", "fr", "Xi Jinping a accepté l'invitation de Vladimir Poutine.",
     [W("invited", "vladimir-putin", "xi-jinping")]),
    ("fr-lends", "fr", "La Russie prêtera 2 milliards de dollars à Cuba.",
     [W("lends", "russia", "cuba", P, amount=2e9, currency="USD")]),
    ("fr-lends-loan", "fr", "La Chine a accordé un prêt de 500 millions de dollars au Pakistan.",
     [W("lends", "china", "pakistan", amount=500e6, currency="USD")]),
    ("fr-lends-planned", "fr", "La Chine pourrait accorder un prêt à l'Argentine.",
     [W("lends", "china", "argentina", P)]),
    ("fr-aids", "fr", "Le Japon a envoyé une aide humanitaire de 10 millions d'euros à la Turquie.",
     [W("aids", "japan", "turkey", amount=10e6, currency="EUR")]),
    ("fr-aids-received", "fr", "L'Ukraine a reçu une aide militaire de l'Allemagne.", [W("aids", "germany", "ukraine")]),
    ("fr-aids-arms", "fr", "L'Allemagne a envoyé des armes à l'Ukraine.", [W("aids", "germany", "ukraine")]),
    ("fr-sanctions", "fr", "L'Union européenne a imposé de nouvelles sanctions contre la Russie.",
     [W("sanctions", "european-union", "russia")]),
    ("fr-sanctions-verb", "fr", "Les États-Unis ont sanctionné la Corée du Nord.",
     [W("sanctions", "united-states", "north-korea")]),
    ("fr-sanctions-encontre", "fr", "Les États-Unis ont imposé des sanctions à l'encontre de l'Iran.",
     [W("sanctions", "united-states", "iran")]),
    ("fr-sanctions-capital", "fr",
     "Les États-Unis et la Russie s'opposent. Washington a annoncé lundi de nouvelles sanctions contre Moscou.",
     [W("sanctions", "united-states", "russia", date="2024-03-11")]),
    ("fr-signedAgreement", "fr", "La France a signé vendredi un accord de sécurité avec l'Ukraine.",
     [W("signedAgreement", "france", "ukraine", date="2024-03-15")]),
    ("fr-signedAgreement-two", "fr", "Le Brésil et la Chine ont signé un accord commercial.",
     [W("signedAgreement", "brazil", "china")]),
    ("fr-signedAgreement-concluded", "fr", "L'Inde et la France ont conclu un accord sur les avions Rafale.",
     [W("signedAgreement", "india", "france")]),
    ("fr-supports", "fr", "L'Allemagne soutient pleinement l'Ukraine.", [W("supports", "germany", "ukraine")]),
    ("fr-supports-capital", "fr", "Paris a réaffirmé son soutien à Kiev.", [W("supports", "france", "ukraine")]),
    ("fr-condemns", "fr", "La Chine a condamné les frappes des États-Unis.", [W("condemns", "china", "united-states")]),
    ("fr-condemns-critique", "fr", "La Russie a critiqué l'OTAN.", [W("condemns", "russia", "nato")]),
    ("fr-awarded", "fr", "Vladimir Poutine a décoré Xi Jinping de l'ordre de l'Amitié.",
     [W("awarded", "vladimir-putin", "xi-jinping")]),
    ("fr-awarded-remis", "fr", "Emmanuel Macron a remis la Légion d'honneur à Narendra Modi.",
     [W("awarded", "emmanuel-macron", "narendra-modi")]),
    ("fr-awarded-decerne", "fr", "Le président brésilien Lula a décerné l'ordre de la Croix du Sud à Emmanuel Macron.",
     [W("awarded", "lula", "emmanuel-macron")]),
    ("fr-succeeded", "fr", "Michel Barnier a succédé à Gabriel Attal à Matignon.",
     [W("succeeded", "michel-barnier", "gabriel-attal")]),
    ("fr-succeeded-passive", "fr", "Gabriel Attal a été remplacé par Michel Barnier.",
     [W("succeeded", "michel-barnier", "gabriel-attal")]),
    ("fr-accompanied", "fr", "Lors de sa visite à Pékin, Emmanuel Macron était accompagné d'Ursula von der Leyen.",
     [W("accompanied", "ursula-von-der-leyen", "emmanuel-macron")]),
    ("fr-accompanied-apposition", "fr", "Emmanuel Macron, accompagné de Jean-Noël Barrot, est arrivé à Pékin.",
     [W("accompanied", "jean-noel-barrot", "emmanuel-macron"), W("visited", "emmanuel-macron", "beijing")]),
    ("fr-quoted", "fr", "Sergueï Lavrov a déclaré à l'agence TASS que la Russie était prête à négocier.",
     [W("quoted", "tass", "sergey-lavrov")]),
    ("fr-quoted-selon", "fr", "Emmanuel Macron a rencontré Xi Jinping, selon l'AFP.",
     [W("met", "emmanuel-macron", "xi-jinping"), W("quoted", "afp", "emmanuel-macron")]),
    ("fr-quoted-inverted", "fr", "« Nous soutenons l'Ukraine », a déclaré Emmanuel Macron au journal Le Monde.",
     [W("quoted", "le-monde", "emmanuel-macron")]),
    ("fr-holdsPosition", "fr", "Le président de la Russie, Vladimir Poutine, a rencontré Xi Jinping à Moscou.",
     [W("holdsPosition", "vladimir-putin", "russia"), W("met", "vladimir-putin", "xi-jinping")]),
    ("fr-denied", "fr", "Le président Emmanuel Macron n'a pas rencontré Vladimir Poutine.",
     [W("met", "emmanuel-macron", "vladimir-putin", D)]),
    ("fr-planned", "fr", "Olaf Scholz va rencontrer Xi Jinping à Pékin.", [W("met", "olaf-scholz", "xi-jinping", P)]),
    ("fr-relative", "fr", "Lula a rencontré hier Pedro Sánchez à Madrid.",
     [W("met", "lula", "pedro-sanchez", date="2024-03-14")]),
    ("fr-pronoun", "fr", "Xi Jinping est arrivé à Moscou. Il a rencontré Vladimir Poutine au Kremlin.",
     [W("visited", "xi-jinping", "moscow"), W("met", "xi-jinping", "vladimir-putin")]),
    ("fr-met-fronted-place", "fr", "Le président Emmanuel Macron a reçu mercredi à l'Élysée le chancelier allemand Olaf Scholz.",
     [W("met", "emmanuel-macron", "olaf-scholz", date="2024-03-13")]),
    ("fr-aids-missiles-planned", "fr", "La France va livrer des missiles supplémentaires à Kiev, a annoncé le ministre des Armées.",
     [W("aids", "france", "ukraine", P)]),
    ("fr-none-students", "fr", "Emmanuel Macron a rencontré des étudiants à Pékin.", []),
    ("fr-none-western", "fr", "Le Kremlin a dénoncé les sanctions occidentales.", []),
    # --- Spanish
    ("es-met", "es", "Pedro Sánchez se reunió con Xi Jinping el lunes en Pekín.",
     [W("met", "pedro-sanchez", "xi-jinping", date="2024-03-11")]),
    ("es-met-received", "es", "El presidente chino Xi Jinping recibió al presidente brasileño Lula en Pekín.",
     [W("met", "xi-jinping", "lula")]),
    ("es-met-noun", "es", "Serguéi Lavrov mantuvo una reunión con su homólogo chino Wang Yi.",
     [W("met", "sergey-lavrov", "wang-yi")]),
    ("es-met-two", "es", "Pedro Sánchez y Emmanuel Macron se reunieron en París.",
     [W("met", "pedro-sanchez", "emmanuel-macron")]),
    ("es-met-interview", "es", "El primer ministro indio Narendra Modi se entrevistó con Pedro Sánchez en Madrid.",
     [W("met", "narendra-modi", "pedro-sanchez")]),
    ("es-talkedTo", "es", "Pedro Sánchez conversó por teléfono con Volodímir Zelenski.",
     [W("talkedTo", "pedro-sanchez", "volodymyr-zelensky")]),
    ("es-talkedTo-noun", "es", "Lula mantuvo una conversación telefónica con Joe Biden el 2 de marzo.",
     [W("talkedTo", "lula", "joe-biden", date="2024-03-02")]),
    ("es-talkedTo-last-year", "es", "Vladímir Putin habló por teléfono con Recep Tayyip Erdoğan el año pasado.",
     [W("talkedTo", "vladimir-putin", "recep-tayyip-erdogan", date="2023")]),
    ("es-visited", "es", "Lula visitó China el 14 de abril de 2023.", [W("visited", "lula", "china", date="2023-04-14")]),
    ("es-visited-state-visit", "es", "Xi Jinping realiza una visita de Estado a Francia.",
     [W("visited", "xi-jinping", "france")]),
    ("es-visited-noun", "es", "La visita de Vladímir Putin a China duró dos días.",
     [W("visited", "vladimir-putin", "china")]),
    ("es-planned-visit", "es", "Pedro Sánchez viajará a Marruecos.", [W("visited", "pedro-sanchez", "morocco", P)]),
    ("es-denied-future", "es", "Pedro Sánchez no viajará a Rusia.", [W("visited", "pedro-sanchez", "russia", D)]),
    ("es-invited", "es", "Xi Jinping invitó a Pedro Sánchez a visitar China.",
     [W("invited", "xi-jinping", "pedro-sanchez"), W("visited", "pedro-sanchez", "china", P)]),
    ("es-invited-accepted", "es", "Xi Jinping aceptó la invitación de Vladímir Putin.",
     [W("invited", "vladimir-putin", "xi-jinping")]),
    ("es-lends", "es", "Rusia prestará 2.000 millones de dólares a Cuba.",
     [W("lends", "russia", "cuba", P, amount=2e9, currency="USD")]),
    ("es-lends-loan", "es", "China otorgó un préstamo de 500 millones de dólares a Argentina.",
     [W("lends", "china", "argentina", amount=500e6, currency="USD")]),
    ("es-lends-planned", "es", "China podría conceder un préstamo a Argentina.", [W("lends", "china", "argentina", P)]),
    ("es-aids", "es", "México envió ayuda humanitaria a Cuba.", [W("aids", "mexico", "cuba")]),
    ("es-aids-received", "es", "Ucrania recibió ayuda militar de Alemania.", [W("aids", "germany", "ukraine")]),
    ("es-aids-donated", "es", "Japón donó 5 millones de euros a Turquía.",
     [W("aids", "japan", "turkey", amount=5e6, currency="EUR")]),
    ("es-sanctions", "es", "La Unión Europea impuso nuevas sanciones contra Rusia.",
     [W("sanctions", "european-union", "russia")]),
    ("es-sanctions-verb", "es", "Estados Unidos sancionó a Corea del Norte.", [W("sanctions", "united-states", "north-korea")]),
    ("es-sanctions-capital", "es", "Washington impuso el viernes nuevas sanciones contra Moscú.",
     [W("sanctions", "united-states", "russia", date="2024-03-15")]),
    ("es-signedAgreement", "es", "Argentina firmó un acuerdo comercial con China el 2 de febrero.",
     [W("signedAgreement", "argentina", "china", date="2024-02-02")]),
    ("es-signedAgreement-two", "es", "España y Portugal firmaron un acuerdo de cooperación.",
     [W("signedAgreement", "spain", "portugal")]),
    ("es-supports", "es", "España apoya a Ucrania.", [W("supports", "spain", "ukraine")]),
    ("es-supports-capital", "es", "La Habana reiteró su apoyo a Caracas.", [W("supports", "cuba", "venezuela")]),
    ("es-condemns", "es", "Alemania condenó el ataque de Rusia.", [W("condemns", "germany", "russia")]),
    ("es-condemns-critico", "es", "Rusia criticó a la OTAN.", [W("condemns", "russia", "nato")]),
    ("es-awarded", "es", "Vladímir Putin condecoró a Xi Jinping con la Orden de San Andrés.",
     [W("awarded", "vladimir-putin", "xi-jinping")]),
    ("es-awarded-order", "es", "Lula otorgó la Orden de la Cruz del Sur a Emmanuel Macron.",
     [W("awarded", "lula", "emmanuel-macron")]),
    ("es-succeeded", "es", "Claudia Sheinbaum sucedió a Andrés Manuel López Obrador.",
     [W("succeeded", "claudia-sheinbaum", "andres-manuel-lopez-obrador")]),
    ("es-succeeded-passive", "es", "Andrés Manuel López Obrador fue reemplazado por Claudia Sheinbaum.",
     [W("succeeded", "claudia-sheinbaum", "andres-manuel-lopez-obrador")]),
    ("es-accompanied", "es", "Pedro Sánchez llegó a Kiev acompañado de José Manuel Albares.",
     [W("visited", "pedro-sanchez", "kyiv"), W("accompanied", "jose-manuel-albares", "pedro-sanchez")]),
    ("es-accompanied-apposition", "es", "Pedro Sánchez, acompañado de José Manuel Albares, llegó a Pekín.",
     [W("accompanied", "jose-manuel-albares", "pedro-sanchez"), W("visited", "pedro-sanchez", "beijing")]),
    ("es-quoted", "es", "Serguéi Lavrov dijo a la agencia EFE que Rusia está dispuesta a negociar.",
     [W("quoted", "efe", "sergey-lavrov")]),
    ("es-quoted-segun", "es", "Según la agencia Reuters, Lula se reunió con Joe Biden.",
     [W("quoted", "reuters", "lula"), W("met", "lula", "joe-biden")]),
    ("es-quoted-inverted", "es", "«Apoyamos a Ucrania», dijo Pedro Sánchez al diario El País.",
     [W("quoted", "el-pais", "pedro-sanchez")]),
    ("es-holdsPosition", "es", "El presidente de Rusia, Vladímir Putin, se reunió con Xi Jinping en Moscú.",
     [W("holdsPosition", "vladimir-putin", "russia"), W("met", "vladimir-putin", "xi-jinping")]),
    ("es-denied", "es", "Pedro Sánchez no se reunió con Javier Milei.", [W("met", "pedro-sanchez", "javier-milei", D)]),
    ("es-planned", "es", "Pedro Sánchez va a reunirse con Lula en Madrid.", [W("met", "pedro-sanchez", "lula", P)]),
    ("es-relative", "es", "Ayer, Lula se reunió con Pedro Sánchez en Madrid.",
     [W("met", "lula", "pedro-sanchez", date="2024-03-14")]),
    ("es-pronoun", "es", "Javier Milei llegó a Madrid. Él se reunió con Pedro Sánchez.",
     [W("visited", "javier-milei", "madrid"), W("met", "javier-milei", "pedro-sanchez")]),
    ("es-met-long-gap", "es", "El presidente del Gobierno, Pedro Sánchez, se reunió este martes en el Palacio de la Moncloa "
     "con el primer ministro de Portugal, Luís Montenegro.",
     [W("met", "pedro-sanchez", "luis-montenegro", date="2024-03-12")]),
    ("es-visited-gap", "es", "José Manuel Albares viajará la próxima semana a Marruecos.",
     [W("visited", "jose-manuel-albares", "morocco", P)]),
    ("es-none-businessmen", "es", "Pedro Sánchez se reunió con empresarios en Pekín.", []),
    # --- Portuguese
    ("pt-met", "pt", "Lula se reuniu com Xi Jinping na segunda-feira em Pequim.",
     [W("met", "lula", "xi-jinping", date="2024-03-11")]),
    ("pt-met-received", "pt", "O presidente chinês Xi Jinping recebeu o presidente brasileiro Lula em Pequim.",
     [W("met", "xi-jinping", "lula")]),
    ("pt-met-noun", "pt", "Mauro Vieira teve um encontro com o chanceler russo Serguei Lavrov.",
     [W("met", "mauro-vieira", "sergey-lavrov")]),
    ("pt-met-two", "pt", "Lula e Emmanuel Macron se reuniram em Belém.", [W("met", "lula", "emmanuel-macron")]),
    ("pt-met-enclitic", "pt", "O primeiro-ministro indiano Narendra Modi reuniu-se com Lula em Brasília.",
     [W("met", "narendra-modi", "lula")]),
    ("pt-talkedTo", "pt", "Lula conversou por telefone com Emmanuel Macron.", [W("talkedTo", "lula", "emmanuel-macron")]),
    ("pt-talkedTo-noun", "pt", "Lula teve uma conversa telefônica com Joe Biden em 2 de março.",
     [W("talkedTo", "lula", "joe-biden", date="2024-03-02")]),
    ("pt-talkedTo-this-year", "pt", "Vladimir Putin falou por telefone com Recep Tayyip Erdoğan neste ano.",
     [W("talkedTo", "vladimir-putin", "recep-tayyip-erdogan", date="2024")]),
    ("pt-visited", "pt", "Lula visitou a China em 14 de abril de 2023.", [W("visited", "lula", "china", date="2023-04-14")]),
    ("pt-visited-state-visit", "pt", "Xi Jinping fez uma visita de Estado ao Brasil.", [W("visited", "xi-jinping", "brazil")]),
    ("pt-visited-noun", "pt", "A visita de Vladimir Putin à China durou dois dias.",
     [W("visited", "vladimir-putin", "china")]),
    ("pt-planned-visit", "pt", "Luís Montenegro viajará a Angola.", [W("visited", "luis-montenegro", "angola", P)]),
    ("pt-denied-future", "pt", "Lula não viajará à Rússia.", [W("visited", "lula", "russia", D)]),
    ("pt-invited", "pt", "Xi Jinping convidou Lula a visitar a China.",
     [W("invited", "xi-jinping", "lula"), W("visited", "lula", "china", P)]),
    ("pt-invited-accepted", "pt", "Xi Jinping aceitou o convite de Vladimir Putin.",
     [W("invited", "vladimir-putin", "xi-jinping")]),
    ("pt-lends", "pt", "A Rússia vai emprestar 2 bilhões de dólares a Cuba.",
     [W("lends", "russia", "cuba", P, amount=2e9, currency="USD")]),
    ("pt-lends-loan", "pt", "A China concedeu um empréstimo de 500 milhões de dólares a Angola.",
     [W("lends", "china", "angola", amount=500e6, currency="USD")]),
    ("pt-lends-planned", "pt", "A China poderá conceder um empréstimo à Argentina.", [W("lends", "china", "argentina", P)]),
    ("pt-aids", "pt", "O Brasil enviou ajuda humanitária ao Haiti.", [W("aids", "brazil", "haiti")]),
    ("pt-aids-received", "pt", "A Ucrânia recebeu ajuda militar da Alemanha.", [W("aids", "germany", "ukraine")]),
    ("pt-aids-donated", "pt", "O Japão doou 5 milhões de dólares à Turquia.",
     [W("aids", "japan", "turkey", amount=5e6, currency="USD")]),
    ("pt-sanctions", "pt", "A União Europeia impôs novas sanções contra a Rússia.",
     [W("sanctions", "european-union", "russia")]),
    ("pt-sanctions-verb", "pt", "Os Estados Unidos sancionaram a Coreia do Norte.",
     [W("sanctions", "united-states", "north-korea")]),
    ("pt-sanctions-capital", "pt", "Washington impôs na sexta-feira novas sanções contra Moscou.",
     [W("sanctions", "united-states", "russia", date="2024-03-15")]),
    ("pt-signedAgreement", "pt", "Portugal assinou um acordo de cooperação com Angola em 2 de fevereiro.",
     [W("signedAgreement", "portugal", "angola", date="2024-02-02")]),
    ("pt-signedAgreement-two", "pt", "Brasil e China assinaram um acordo comercial.", [W("signedAgreement", "brazil", "china")]),
    ("pt-signedAgreement-year", "pt", "O Brasil assinou um acordo com a China em 2023.",
     [W("signedAgreement", "brazil", "china", date="2023")]),
    ("pt-supports", "pt", "O Brasil apoia a Ucrânia.", [W("supports", "brazil", "ukraine")]),
    ("pt-supports-capital", "pt", "Brasília reafirmou seu apoio a Caracas.", [W("supports", "brazil", "venezuela")]),
    ("pt-condemns", "pt", "A França condenou o ataque da Rússia.", [W("condemns", "france", "russia")]),
    ("pt-condemns-criticou", "pt", "A Rússia criticou a OTAN.", [W("condemns", "russia", "nato")]),
    ("pt-awarded", "pt", "Vladimir Putin condecorou Lula com a Ordem da Amizade.", [W("awarded", "vladimir-putin", "lula")]),
    ("pt-awarded-order", "pt", "Lula concedeu a Ordem do Cruzeiro do Sul a Emmanuel Macron.",
     [W("awarded", "lula", "emmanuel-macron")]),
    ("pt-succeeded", "pt", "Luís Montenegro sucedeu António Costa.", [W("succeeded", "luis-montenegro", "antonio-costa")]),
    ("pt-succeeded-passive", "pt", "António Costa foi substituído por Luís Montenegro.",
     [W("succeeded", "luis-montenegro", "antonio-costa")]),
    ("pt-accompanied", "pt", "Lula chegou a Brasília acompanhado de Mauro Vieira.",
     [W("visited", "lula", "brasilia"), W("accompanied", "mauro-vieira", "lula")]),
    ("pt-accompanied-apposition", "pt", "Lula, acompanhado de Mauro Vieira, chegou a Pequim.",
     [W("accompanied", "mauro-vieira", "lula"), W("visited", "lula", "beijing")]),
    ("pt-quoted", "pt", "Serguei Lavrov disse à agência Reuters que a Rússia está pronta para negociar.",
     [W("quoted", "reuters", "sergey-lavrov")]),
    ("pt-quoted-segundo", "pt", "Segundo a agência Lusa, Lula se reuniu com Joe Biden.",
     [W("quoted", "lusa", "lula"), W("met", "lula", "joe-biden")]),
    ("pt-quoted-inverted", "pt", "\"Apoiamos a Ucrânia\", disse Lula ao jornal Folha de S.Paulo.",
     [W("quoted", "folha-de-s-paulo", "lula")]),
    ("pt-holdsPosition", "pt", "O presidente da Rússia, Vladimir Putin, se reuniu com Xi Jinping em Moscou.",
     [W("holdsPosition", "vladimir-putin", "russia"), W("met", "vladimir-putin", "xi-jinping")]),
    ("pt-denied", "pt", "Lula não se reuniu com Javier Milei.", [W("met", "lula", "javier-milei", D)]),
    ("pt-planned", "pt", "Lula vai se reunir com Pedro Sánchez em Madri.", [W("met", "lula", "pedro-sanchez", P)]),
    ("pt-relative", "pt", "Ontem, Lula se reuniu com Pedro Sánchez em Madri.",
     [W("met", "lula", "pedro-sanchez", date="2024-03-14")]),
    ("pt-pronoun", "pt", "Lula chegou a Pequim. Ele se reuniu com Xi Jinping.",
     [W("visited", "lula", "beijing"), W("met", "lula", "xi-jinping")]),
    ("pt-met-parenthetical", "pt", "O presidente Luiz Inácio Lula da Silva recebeu nesta quarta-feira, no Palácio do Planalto, "
     "o presidente da França, Emmanuel Macron.",
     [W("met", "lula", "emmanuel-macron", date="2024-03-13")]),
    ("pt-none-businessmen", "pt", "Lula se reuniu com empresários em Pequim.", []),
    # --- Russian (names in any case form: Си Цзиньпином, Лулу да Силву, Кубе)
    ("ru-met", "ru", "Владимир Путин встретился с Си Цзиньпином в понедельник в Пекине.",
     [W("met", "vladimir-putin", "xi-jinping", date="2024-03-11")]),
    ("ru-met-received", "ru", "Владимир Путин принял в Кремле президента Бразилии Лулу да Силву.",
     [W("met", "vladimir-putin", "lula")]),
    ("ru-met-talks", "ru", "Сергей Лавров провёл переговоры с китайским коллегой Ван И.", [W("met", "sergey-lavrov", "wang-yi")]),
    ("ru-met-two", "ru", "Владимир Путин и Си Цзиньпин встретились в Москве.", [W("met", "vladimir-putin", "xi-jinping")]),
    ("ru-talkedTo", "ru", "Владимир Путин провёл телефонный разговор с Эммануэлем Макроном.",
     [W("talkedTo", "vladimir-putin", "emmanuel-macron")]),
    ("ru-talkedTo-date", "ru", "Сергей Лавров поговорил по телефону с Ван И 2 марта.",
     [W("talkedTo", "sergey-lavrov", "wang-yi", date="2024-03-02")]),
    ("ru-talkedTo-last-year", "ru",
     "Владимир Путин провёл телефонный разговор с Реджепом Тайипом Эрдоганом в прошлом году.",
     [W("talkedTo", "vladimir-putin", "recep-tayyip-erdogan", date="2023")]),
    ("ru-visited", "ru", "Си Цзиньпин посетил Москву 20 марта 2023 года.",
     [W("visited", "xi-jinping", "moscow", date="2023-03-20")]),
    ("ru-visited-noun", "ru", "Визит Владимира Путина в Китай продлился два дня.", [W("visited", "vladimir-putin", "china")]),
    ("ru-visited-flew", "ru", "Владимир Путин прилетел в Пхеньян.", [W("visited", "vladimir-putin", "pyongyang")]),
    ("ru-planned-visit", "ru", "Олаф Шольц посетит Китай.", [W("visited", "olaf-scholz", "china", P)]),
    ("ru-denied-future", "ru", "Владимир Путин не посетит Германию.", [W("visited", "vladimir-putin", "germany", D)]),
    ("ru-invited", "ru", "Си Цзиньпин пригласил Владимира Путина посетить Китай.",
     [W("invited", "xi-jinping", "vladimir-putin"), W("visited", "vladimir-putin", "china", P)]),
    ("ru-invited-accepted", "ru", "Си Цзиньпин принял приглашение Владимира Путина.",
     [W("invited", "vladimir-putin", "xi-jinping")]),
    ("ru-lends", "ru", "Россия предоставит Кубе кредит в размере 2 млрд долларов.",
     [W("lends", "russia", "cuba", P, amount=2e9, currency="USD")]),
    ("ru-lends-past", "ru", "Китай предоставил Пакистану кредит на 500 млн долларов.",
     [W("lends", "china", "pakistan", amount=500e6, currency="USD")]),
    ("ru-lends-planned", "ru", "Китай может предоставить кредит Аргентине.", [W("lends", "china", "argentina", P)]),
    ("ru-aids", "ru", "Россия направила гуманитарную помощь в Сирию.", [W("aids", "russia", "syria")]),
    ("ru-aids-received", "ru", "Украина получила военную помощь от Германии.", [W("aids", "germany", "ukraine")]),
    ("ru-aids-arms", "ru", "Германия передала оружие Украине.", [W("aids", "germany", "ukraine")]),
    ("ru-sanctions", "ru", "Евросоюз ввёл новые санкции против России.", [W("sanctions", "european-union", "russia")]),
    ("ru-sanctions-otnoshenii", "ru", "США ввели санкции в отношении Ирана.", [W("sanctions", "united-states", "iran")]),
    ("ru-sanctions-capital", "ru", "Вашингтон ввёл в пятницу новые санкции против Москвы.",
     [W("sanctions", "united-states", "russia", date="2024-03-15")]),
    ("ru-signedAgreement", "ru", "Россия подписала соглашение с Ираном 2 февраля.",
     [W("signedAgreement", "russia", "iran", date="2024-02-02")]),
    ("ru-signedAgreement-two", "ru", "Россия и Китай подписали соглашение о сотрудничестве.",
     [W("signedAgreement", "russia", "china")]),
    ("ru-signedAgreement-month", "ru", "Россия и Иран заключили договор о стратегическом партнёрстве в январе.",
     [W("signedAgreement", "russia", "iran", date="2024-01")]),
    ("ru-supports", "ru", "Россия поддерживает Кубу.", [W("supports", "russia", "cuba")]),
    ("ru-supports-capital", "ru", "Москва поддерживает Минск.", [W("supports", "russia", "belarus")]),
    ("ru-supports-expressed", "ru", "Китай выразил поддержку России.", [W("supports", "china", "russia")]),
    ("ru-condemns", "ru", "Китай осудил действия США.", [W("condemns", "china", "united-states")]),
    ("ru-condemns-criticised", "ru", "Россия раскритиковала НАТО.", [W("condemns", "russia", "nato")]),
    ("ru-awarded", "ru", "Владимир Путин наградил Си Цзиньпина орденом.", [W("awarded", "vladimir-putin", "xi-jinping")]),
    ("ru-awarded-handed", "ru", "Владимир Путин вручил Си Цзиньпину орден Дружбы.",
     [W("awarded", "vladimir-putin", "xi-jinping")]),
    ("ru-succeeded", "ru", "Михаил Мишустин сменил Дмитрия Медведева на посту премьер-министра.",
     [W("succeeded", "mikhail-mishustin", "dmitry-medvedev")]),
    ("ru-accompanied", "ru", "Владимир Путин прибыл в Пекин в сопровождении Сергея Лаврова.",
     [W("visited", "vladimir-putin", "beijing"), W("accompanied", "sergey-lavrov", "vladimir-putin")]),
    ("ru-quoted", "ru", "Дмитрий Песков сообщил ТАСС, что встреча состоится.", [W("quoted", "tass", "dmitry-peskov")]),
    ("ru-quoted-interview", "ru", "Дмитрий Песков заявил в интервью РИА Новости, что переговоры продолжатся.",
     [W("quoted", "ria-novosti", "dmitry-peskov")]),
    ("ru-quoted-cites", "ru", "ТАСС цитирует Марию Захарову.", [W("quoted", "tass", "maria-zakharova")]),
    ("ru-quoted-kak", "ru", "Как сообщает РИА Новости, Сергей Лавров встретился с Ван И.",
     [W("quoted", "ria-novosti", "sergey-lavrov"), W("met", "sergey-lavrov", "wang-yi")]),
    ("ru-holdsPosition", "ru", "Президент России Владимир Путин встретился с Си Цзиньпином.",
     [W("holdsPosition", "vladimir-putin", "russia"), W("met", "vladimir-putin", "xi-jinping")]),
    ("ru-holdsPosition-modi", "ru", "Премьер-министр Индии Нарендра Моди провёл переговоры с Владимиром Путиным в Москве.",
     [W("holdsPosition", "narendra-modi", "india"), W("met", "narendra-modi", "vladimir-putin")]),
    ("ru-denied", "ru", "Владимир Путин не встречался с Олафом Шольцем.", [W("met", "vladimir-putin", "olaf-scholz", D)]),
    ("ru-planned", "ru", "Владимир Путин планирует встретиться с Си Цзиньпином.",
     [W("met", "vladimir-putin", "xi-jinping", P)]),
    ("ru-relative", "ru", "Вчера Сергей Лавров встретился с Ван И в Москве.",
     [W("met", "sergey-lavrov", "wang-yi", date="2024-03-14")]),
    ("ru-pronoun", "ru", "Си Цзиньпин прибыл в Москву. Он встретился с Владимиром Путиным.",
     [W("visited", "xi-jinping", "moscow"), W("met", "xi-jinping", "vladimir-putin")]),
    ("ru-none-students", "ru", "Владимир Путин встретился со студентами в Пекине.", []),
    # --- German (verb second, inverted verb second, verb last, separable verbs)
    ("de-met", "de", "Olaf Scholz traf sich am Montag in Peking mit Xi Jinping.",
     [W("met", "olaf-scholz", "xi-jinping", date="2024-03-11")]),
    ("de-met-inverted", "de", "Am Dienstag empfing Olaf Scholz den brasilianischen Präsidenten Lula im Kanzleramt.",
     [W("met", "olaf-scholz", "lula", date="2024-03-12")]),
    ("de-met-place-fronted", "de", "In Peking traf Olaf Scholz Xi Jinping.", [W("met", "olaf-scholz", "xi-jinping")]),
    ("de-met-talks", "de", "Annalena Baerbock führte Gespräche mit ihrem chinesischen Amtskollegen Wang Yi.",
     [W("met", "annalena-baerbock", "wang-yi")]),
    ("de-met-two", "de", "Olaf Scholz und Emmanuel Macron trafen sich in Paris.", [W("met", "olaf-scholz", "emmanuel-macron")]),
    ("de-met-perfect", "de", "Olaf Scholz hat Xi Jinping in Peking getroffen.", [W("met", "olaf-scholz", "xi-jinping")]),
    ("de-met-modi", "de", "Der indische Premierminister Narendra Modi traf sich mit Olaf Scholz in Berlin.",
     [W("met", "narendra-modi", "olaf-scholz")]),
    ("de-talkedTo", "de", "Olaf Scholz telefonierte mit Wolodymyr Selenskyj.",
     [W("talkedTo", "olaf-scholz", "volodymyr-zelensky")]),
    ("de-talkedTo-perfect", "de", "Olaf Scholz hat am Freitag mit Joe Biden telefoniert.",
     [W("talkedTo", "olaf-scholz", "joe-biden", date="2024-03-15")]),
    ("de-talkedTo-last-year", "de", "Wladimir Putin telefonierte letztes Jahr mit Recep Tayyip Erdoğan.",
     [W("talkedTo", "vladimir-putin", "recep-tayyip-erdogan", date="2023")]),
    ("de-visited", "de", "Olaf Scholz besuchte im April 2023 China.", [W("visited", "olaf-scholz", "china", date="2023-04")]),
    ("de-visited-separable", "de", "Olaf Scholz traf in Peking ein.", [W("visited", "olaf-scholz", "beijing")]),
    ("de-visited-noun", "de", "Der Besuch von Wladimir Putin in China dauerte zwei Tage.",
     [W("visited", "vladimir-putin", "china")]),
    ("de-visited-state-visit", "de", "Xi Jinping ist zu einem Staatsbesuch in Frankreich.", [W("visited", "xi-jinping", "france")]),
    ("de-planned-visit", "de", "Olaf Scholz wird nach Indien reisen.", [W("visited", "olaf-scholz", "india", P)]),
    ("de-planned-modal", "de", "Olaf Scholz will Indien besuchen.", [W("visited", "olaf-scholz", "india", P)]),
    ("de-denied-future", "de", "Olaf Scholz wird nicht nach Russland reisen.", [W("visited", "olaf-scholz", "russia", D)]),
    ("de-invited", "de", "Xi Jinping lud Olaf Scholz nach Peking ein.",
     [W("invited", "xi-jinping", "olaf-scholz"), W("visited", "olaf-scholz", "beijing", P)]),
    ("de-invited-accepted", "de", "Xi Jinping nahm die Einladung von Wladimir Putin an.",
     [W("invited", "vladimir-putin", "xi-jinping")]),
    ("de-lends", "de", "Russland wird Kuba 2 Milliarden Dollar leihen.",
     [W("lends", "russia", "cuba", P, amount=2e9, currency="USD")]),
    ("de-lends-credit", "de", "China gewährte Pakistan einen Kredit über 500 Millionen Dollar.",
     [W("lends", "china", "pakistan", amount=500e6, currency="USD")]),
    ("de-lends-planned", "de", "China könnte Argentinien einen Kredit gewähren.", [W("lends", "china", "argentina", P)]),
    ("de-aids", "de", "Deutschland liefert Waffen an die Ukraine.", [W("aids", "germany", "ukraine")]),
    ("de-aids-received", "de", "Die Ukraine erhielt Militärhilfe aus Deutschland.", [W("aids", "germany", "ukraine")]),
    ("de-aids-pledged", "de", "Deutschland sagte der Ukraine weitere Hilfe zu.", [W("aids", "germany", "ukraine")]),
    ("de-sanctions", "de", "Die Europäische Union verhängte neue Sanktionen gegen Russland.",
     [W("sanctions", "european-union", "russia")]),
    ("de-sanctions-perfect", "de", "Die EU hat neue Sanktionen gegen Iran verhängt.", [W("sanctions", "european-union", "iran")]),
    ("de-sanctions-verb", "de", "Die USA sanktionierten Nordkorea.", [W("sanctions", "united-states", "north-korea")]),
    ("de-sanctions-capital", "de", "Washington verhängte am Freitag neue Sanktionen gegen Moskau.",
     [W("sanctions", "united-states", "russia", date="2024-03-15")]),
    ("de-signedAgreement", "de", "Deutschland hat ein Sicherheitsabkommen mit der Ukraine unterzeichnet.",
     [W("signedAgreement", "germany", "ukraine")]),
    ("de-signedAgreement-two", "de", "Deutschland und Frankreich unterzeichneten ein Abkommen.",
     [W("signedAgreement", "germany", "france")]),
    ("de-signedAgreement-inverted", "de", "Am Montag unterzeichnete Deutschland ein Abkommen mit Indien.",
     [W("signedAgreement", "germany", "india", date="2024-03-11")]),
    ("de-supports", "de", "Deutschland unterstützt die Ukraine.", [W("supports", "germany", "ukraine")]),
    ("de-supports-capital", "de", "Moskau unterstützt Havanna.", [W("supports", "russia", "cuba")]),
    ("de-supports-pledged", "de", "Frankreich sicherte der Ukraine Unterstützung zu.", [W("supports", "france", "ukraine")]),
    ("de-condemns", "de", "Moskau verurteilte die Angriffe der USA.", [W("condemns", "russia", "united-states")]),
    ("de-condemns-criticised", "de", "Russland kritisierte die NATO.", [W("condemns", "russia", "nato")]),
    ("de-awarded", "de", "Wladimir Putin zeichnete Xi Jinping mit dem Orden des heiligen Andreas aus.",
     [W("awarded", "vladimir-putin", "xi-jinping")]),
    ("de-awarded-conferred", "de", "Wladimir Putin verlieh Xi Jinping den Freundschaftsorden.",
     [W("awarded", "vladimir-putin", "xi-jinping")]),
    ("de-succeeded", "de", "Friedrich Merz folgte Olaf Scholz im Amt nach.", [W("succeeded", "friedrich-merz", "olaf-scholz")]),
    ("de-succeeded-separable", "de", "Friedrich Merz löste Olaf Scholz als Bundeskanzler ab.",
     [W("succeeded", "friedrich-merz", "olaf-scholz")]),
    ("de-accompanied", "de", "Olaf Scholz wurde von Annalena Baerbock begleitet.",
     [W("accompanied", "annalena-baerbock", "olaf-scholz")]),
    ("de-accompanied-begleitung", "de", "Olaf Scholz reiste in Begleitung von Annalena Baerbock nach Kiew.",
     [W("accompanied", "annalena-baerbock", "olaf-scholz"), W("visited", "olaf-scholz", "kyiv")]),
    ("de-quoted", "de", "Boris Pistorius sagte der Nachrichtenagentur Reuters, die Lage sei ernst.",
     [W("quoted", "reuters", "boris-pistorius")]),
    ("de-quoted-inverted", "de", "„Wir stehen an der Seite der Ukraine“, sagte Olaf Scholz der Zeitung Bild.",
     [W("quoted", "bild", "olaf-scholz")]),
    ("de-quoted-laut", "de", "Laut Reuters traf Olaf Scholz Xi Jinping.",
     [W("quoted", "reuters", "olaf-scholz"), W("met", "olaf-scholz", "xi-jinping")]),
    ("de-holdsPosition", "de", "Russlands Präsident Wladimir Putin traf Xi Jinping in Moskau.",
     [W("holdsPosition", "vladimir-putin", "russia"), W("met", "vladimir-putin", "xi-jinping")]),
    ("de-denied", "de", "Olaf Scholz traf Wladimir Putin nicht.", [W("met", "olaf-scholz", "vladimir-putin", D)]),
    ("de-planned", "de", "Olaf Scholz will Xi Jinping in Peking treffen.", [W("met", "olaf-scholz", "xi-jinping", P)]),
    ("de-relative", "de", "Gestern traf Olaf Scholz Xi Jinping in Peking.",
     [W("met", "olaf-scholz", "xi-jinping", date="2024-03-14")]),
    ("de-pronoun", "de", "Olaf Scholz reiste nach Peking. Er traf Xi Jinping.",
     [W("visited", "olaf-scholz", "beijing"), W("met", "olaf-scholz", "xi-jinping")]),
    ("de-met-place-fronted-time", "de", "In Berlin empfing Olaf Scholz am Montag Emmanuel Macron.",
     [W("met", "olaf-scholz", "emmanuel-macron", date="2024-03-11")]),
    ("de-none-students", "de", "Olaf Scholz traf sich mit Studenten in Peking.", []),
]
# Each language must cover these kinds of case (the id names the kind).
KINDS = ("-denied", "-planned", "-relative", "-capital", "-holdsPosition", "-pronoun", "-none")


def key(relation: str, subject: str, obj: str, status: str, date: str | None) -> tuple:
    if relation in SYMMETRIC:
        subject, obj = sorted((subject, obj))
    return relation, subject, obj, status, date


def fact_key(fact: Fact) -> tuple:
    return key(fact.relation, fact.subject, fact.object, fact.status.value, fact.date.value if fact.date else None)


@pytest.fixture(scope="module")
def facts() -> dict[str, list[Fact]]:
    """Every case extracted alone (a case never borrows another case's entities); engines load once."""
    out = {}
    for case_id, lang, text, _ in CASES:
        doc = Document(id=case_id, text=text, lang=lang, published=DateValue.parse(PUBLISHED))
        result = extract([doc], engine=ENGINE.get(lang, "gazetteer"))
        assert not result.errors, result.errors
        out[case_id] = result.facts[case_id]
    return out


@pytest.mark.parametrize("lang", LANGS)
def test_cases_cover_every_relation_and_kind(lang: str) -> None:
    cases = [c for c in CASES if c[1] == lang]
    covered = {w.relation for _, _, _, wants in cases for w in wants}
    assert covered == set(RELATIONS), sorted(set(RELATIONS) - covered)
    for kind in KINDS:
        assert any(kind in case_id for case_id, *_ in cases), kind


def test_case_ids_are_unique() -> None:
    ids = [c[0] for c in CASES]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("case_id,lang,text,wants", CASES, ids=[c[0] for c in CASES])
def test_relations_extracted(facts: dict[str, list[Fact]], case_id: str, lang: str, text: str,
                             wants: list[Want]) -> None:
    """Exactly the expected facts (relation, subject, object, status, date), and their amounts."""
    got = facts[case_id]
    if not any(w.relation == "holdsPosition" for w in wants):
        got = [f for f in got if f.relation != "holdsPosition"]
    assert {fact_key(f) for f in got} == {key(w.relation, w.subject, w.object, w.status, w.date) for w in wants}
    for want in wants:
        if want.amount is None:
            continue
        fact = next(f for f in got if fact_key(f) == key(want.relation, want.subject, want.object, want.status, want.date))
        assert fact.amount is not None and abs(fact.amount - want.amount) < 1e-6 * want.amount, fact.amount
        assert fact.currency == want.currency
