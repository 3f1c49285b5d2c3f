/**
 * Labels of the early-warning pages (the watchlist and the site-failure scenario), in Dutch and
 * English. Kept apart from messages.ts so each group of pages owns its labels; messages.ts merges
 * them, and the English keys must equal the Dutch ones.
 */
export const earlyWarningMessagesNl = {
  'nav.watchlist': 'Signaleringslijst',

  // The watchlist
  'watch.title': 'Signaleringslijst',
  'watch.heading': 'Signaleringslijst',
  'watch.lead':
    'Welke geneesmiddelen kunnen binnenkort tekortraken? Elke dag worden alle verpakkingen op de Nederlandse markt gescoord op voorraad, vraag, meldingen en signalen uit het buitenland. Bovenaan staan de verpakkingen met het hoogste risico, met de redenen erbij.',
  'watch.scenarioLink':
    'Wat als een fabriek stilvalt? Naar het scenario uitval van een productielocatie',
  'watch.controls.heading': 'Welke lijst',
  'watch.asOf': 'Peildatum',
  'watch.asOf.description': 'Een eerdere dag berekent de lijst opnieuw met wat toen bekend was.',
  'watch.asOf.apply': 'Toon lijst',
  'watch.asOf.today': 'Vandaag',
  'watch.asOf.error': 'Vul een datum in als JJJJ-MM-DD, niet later dan vandaag.',
  'watch.level': 'Niveau',
  'watch.level.pack': 'Verpakking',
  'watch.level.substance': 'Werkzame stof',
  'watch.factor': 'Reden',
  'watch.factor.all': 'Alle redenen',
  'watch.atc': 'ATC-code begint met',
  'watch.atc.hint': 'bijv. J01',
  'watch.minScore': 'Minimale score',
  'watch.minScore.hint': '0–100',
  'watch.total': '{total} op de lijst van {date} (score {minScore} of hoger)',
  'watch.caption': 'Signaleringslijst van {date}, per verpakking, hoogste risico eerst',
  'watch.captionSubstance': 'Signaleringslijst van {date}, per werkzame stof, hoogste risico eerst',
  'watch.generatedAt': 'Berekend op {moment}.',
  'watch.downloadAll': 'Download hele lijst (CSV)',
  'watch.col.rank': 'Rang',
  'watch.col.product': 'Product, verpakking en vergunninghouder',
  'watch.col.substance': 'Werkzame stof',
  'watch.col.score': 'Score',
  'watch.col.cover': 'Dekking (weken)',
  'watch.col.expectedStart': 'Verwacht tekort vanaf',
  'watch.col.confidence': 'Zekerheid',
  'watch.col.reasons': 'Redenen',
  'watch.col.packs': 'Verpakkingen op de lijst',
  'watch.packsOnList': '{onList} van {packs}',
  'watch.scoreOf': '{score} van 100',
  'watch.noShortageExpected': 'niet binnen de horizon',
  'watch.reasons.more': 'Nog {count} redenen',
  'watch.reasons.moreOne': 'Nog 1 reden',
  'watch.reasons.label': 'Redenen voor {pack}',
  'watch.reasons.points': '+{points}',
  'watch.reasons.pointsDescription': '{points} punten',
  'watch.empty': 'Geen verpakkingen met deze filters op de lijst van deze dag.',
  'watch.explain.heading': 'Hoe de score is opgebouwd',
  'watch.explain.lead':
    'Elke reden telt van 0 tot 1 mee, maal haar gewicht; samen maximaal 100 punten. Een verpakking staat op de lijst vanaf de minimale score. Het verwachte tekort is waar de landelijke voorraad bij de huidige (of recent hogere) vraag op nul uitkomt; de zekerheid stijgt met het aantal sterke signalen en hoe dichtbij dat moment is.',
  'watch.explain.caption': 'Redenen en hun gewicht in de score',
  'watch.explain.factor': 'Reden',
  'watch.explain.weight': 'Gewicht (punten)',
  'watch.explain.meaning': 'Wat telt',

  'watch.factor.lowCover': 'Lage voorraad',
  'watch.factor.fallingCover': 'Dalende voorraad',
  'watch.factor.demandSpike': 'Piek in de vraag',
  'watch.factor.notification': 'Melding van een tekort',
  'watch.factor.shortAbroad': 'Tekort in het buitenland',
  'watch.factor.competitorShortage': 'Tekort bij een concurrent',
  'watch.factor.concentration': 'Geconcentreerde productie',
  'watch.factor.siteFailure': 'Productielocatie ligt stil',
  'watch.factor.lowCover.description':
    'Landelijke voorraad bij alle houders, in weken van de gemiddelde vraag van de laatste 8 weken. Telt volledig bij 2 weken of minder, niet meer boven 8 weken.',
  'watch.factor.fallingCover.description':
    'Hoeveel de dekking in de laatste 4 weken is gedaald, als deel van de dekking toen.',
  'watch.factor.demandSpike.description':
    'De vraag van de laatste 7 dagen boven het gemiddelde van de laatste 8 weken.',
  'watch.factor.notification.description':
    'Een openstaande melding van de vergunninghouder, zwaarder naarmate het Meldpunt het risico hoger inschat.',
  'watch.factor.shortAbroad.description':
    'De werkzame stof staat in een buitenlands register als tekort (bijv. BfArM in Duitsland).',
  'watch.factor.competitorShortage.description':
    'Een ander bedrijf met dezelfde werkzame stof heeft bijna geen voorraad of meldde een tekort: de vraag verschuift.',
  'watch.factor.concentration.description':
    'Hoe geconcentreerd de productie van de werkzame stof is over landen (HHI).',
  'watch.factor.siteFailure.description':
    'Het deel van de productielocaties van de werkzame stof dat stilligt.',

  'watch.reason.lowCover': 'Landelijke voorraad dekt nog {weeks} weken',
  'watch.reason.lowCover.one': 'Landelijke voorraad dekt nog 1 week',
  'watch.reason.lowCover.none': 'Geen landelijke voorraad meer',
  'watch.reason.lowCover.unknown': 'Landelijke voorraad is laag; de dekking is onbekend',
  'watch.reason.fallingCover': 'Dekking daalde van {from} naar {to} weken in {days} dagen',
  'watch.reason.fallingCover.unknown': 'Dekking daalde in de laatste {days} dagen',
  'watch.reason.demandSpike': 'Vraag van de laatste {days} dagen is {percent} van normaal',
  'watch.reason.notification.high': 'Openstaande melding, risico ingeschat als hoog',
  'watch.reason.notification.medium': 'Openstaande melding, risico ingeschat als middel',
  'watch.reason.notification.low': 'Openstaande melding, risico ingeschat als laag',
  'watch.reason.notification.untriaged': 'Openstaande melding, nog niet beoordeeld',
  'watch.reason.shortAbroad': 'Werkzame stof is tekort in {countries}',
  'watch.reason.shortAbroad.unnamed': 'Werkzame stof is tekort in het buitenland',
  'watch.reason.competitorShortage.one':
    '1 ander bedrijf heeft een tekort aan dezelfde stof: de vraag verschuift hierheen',
  'watch.reason.competitorShortage':
    '{count} andere bedrijven hebben een tekort aan dezelfde stof: de vraag verschuift hierheen',
  'watch.reason.concentration': 'Productie van de werkzame stof is geconcentreerd (HHI {hhi})',
  'watch.reason.concentration.unknown': 'Concentratie van de productie is onbekend',
  'watch.reason.siteFailure.onlySite': 'De enige productielocatie van de werkzame stof ligt stil',
  'watch.reason.siteFailure.all': 'Alle {sites} productielocaties van de werkzame stof liggen stil',
  'watch.reason.siteFailure.one': '1 van {sites} productielocaties van de werkzame stof ligt stil',
  'watch.reason.siteFailure.some':
    '{stopped} van {sites} productielocaties van de werkzame stof liggen stil',

  // The site-failure scenario
  'scenario.title': 'Scenario: uitval van een productielocatie',
  'scenario.heading': 'Scenario: uitval van een productielocatie',
  'scenario.lead':
    'Wat gebeurt er als een fabriek stilvalt? Verpakkingen waarvan de werkzame stof alleen van deze locatie komt, lopen hun landelijke voorraad leeg; daarna nemen andere bedrijven over wat hun reservecapaciteit toelaat. De rest is vraag die niet wordt geleverd.',
  'scenario.form.heading': 'Uitgangspunten',
  'scenario.site': 'Productielocatie',
  'scenario.site.search': 'Zoek een locatie',
  'scenario.site.searchHint': 'naam, plaats of land',
  'scenario.site.option': '{name}, {place} — {sole} verpakkingen alleen van hier',
  'scenario.site.optionStopped':
    '{name}, {place} — {sole} verpakkingen alleen van hier, stil sinds {date}',
  'scenario.site.matches': '{count} locaties gevonden',
  'scenario.site.none': 'Geen locatie gevonden',
  'scenario.failureDate': 'Datum van uitval',
  'scenario.horizon': 'Horizon (dagen)',
  'scenario.spareCapacity': 'Reservecapaciteit van alternatieven (%)',
  'scenario.spareCapacity.description':
    'Reservecapaciteit: wat de andere bedrijven bovenop hun eigen vraag kunnen leveren, als deel van die vraag.',
  'scenario.apply': 'Bereken scenario',
  'scenario.error.date': 'Vul een datum in als JJJJ-MM-DD.',
  'scenario.error.horizon': 'Vul een aantal dagen in van 7 tot en met 364.',
  'scenario.error.spare': 'Vul een percentage in van 0 tot en met 100.',
  'scenario.noSites': 'Er zijn geen productielocaties met verpakkingen op de Nederlandse markt.',
  'scenario.siteLink': 'Over deze locatie',
  'scenario.summary':
    '{site} in {place} valt stil op {date}. Gerekend over {days} dagen, met {spare} reservecapaciteit bij alternatieven.',
  'scenario.figures': 'Kerncijfers',
  'scenario.fig.affected': 'Verpakkingen getroffen',
  'scenario.fig.affectedNote': 'werkzame stof alleen van deze locatie',
  'scenario.fig.runningOut': 'Raken op',
  'scenario.fig.runningOutNote': 'binnen {days} dagen',
  'scenario.fig.firstStockOut': 'Eerste tekort',
  'scenario.fig.firstStockOutNote': '{days} dagen na de uitval',
  'scenario.fig.noStockOut': 'geen',
  'scenario.fig.noStockOutNote': 'niet binnen de horizon',
  'scenario.fig.unitsNotServed': 'Eenheden niet geleverd',
  'scenario.fig.unitsNotServedNote': 'na overname door alternatieven',
  'scenario.chart.heading': 'Landelijke voorraad na de uitval',
  'scenario.chart.lead':
    'Eén lijn per getroffen verpakking, vanaf de datum van uitval. Een rondje markeert de dag waarop de voorraad op is.',
  'scenario.chart.aria':
    'Lijngrafiek van de landelijke voorraad van {count} verpakkingen over {days} dagen vanaf {date}; {out} raken op.',
  'scenario.chart.legend': 'Verpakkingen',
  'scenario.chart.shown':
    'De grafiek toont {shown} van de {count} verpakkingen: eerst die het eerst opraken, niet die zonder voorraad en zonder vraag. De tabellen tonen ze allemaal.',
  'scenario.chart.yAxis': 'Voorraad (eenheden)',
  'scenario.chart.xAxis': 'Dagen na de uitval',
  'scenario.chart.stockOut': '{pack}: op na {days} dagen ({date})',
  'scenario.chart.caption': 'Landelijke voorraad per verpakking, om de {step} dagen vanaf {date}',
  'scenario.chart.day': 'Dag {day}',
  'scenario.table.heading': 'Welke producten, en wanneer',
  'scenario.table.caption':
    'Getroffen verpakkingen bij uitval van {site} op {date}, eerst opraken eerst',
  'scenario.col.product': 'Product',
  'scenario.col.pack': 'Verpakking',
  'scenario.col.mah': 'Vergunninghouder',
  'scenario.col.substance': 'Werkzame stof',
  'scenario.col.stockAtFailure': 'Voorraad bij uitval',
  'scenario.col.stockOutDate': 'Op vanaf',
  'scenario.col.daysUntil': 'Dagen tot tekort',
  'scenario.col.unitsNotServed': 'Eenheden niet geleverd',
  'scenario.col.takenOver': 'Overgenomen door alternatieven',
  'scenario.noneAffected':
    'Geen verpakking op de Nederlandse markt hangt alleen van deze locatie af: andere locaties leveren dezelfde werkzame stof.',
  'scenario.partial':
    '{count} verpakkingen krijgen hun werkzame stof ook van deze locatie, maar niet alleen daarvan; zij tellen hier niet mee.',
} as const;

export const earlyWarningMessagesEn: Readonly<Record<keyof typeof earlyWarningMessagesNl, string>> =
  {
    'nav.watchlist': 'Watchlist',

    'watch.title': 'Watchlist',
    'watch.heading': 'Watchlist',
    'watch.lead':
      'Which medicines may soon run short? Every day each pack on the Dutch market is scored on stock, demand, notifications and signals from abroad. The packs at highest risk come first, with their reasons.',
    'watch.scenarioLink': 'What if a factory stops? To the site failure scenario',
    'watch.controls.heading': 'Which list',
    'watch.asOf': 'As of',
    'watch.asOf.description': 'An earlier day recomputes the list from what was known then.',
    'watch.asOf.apply': 'Show list',
    'watch.asOf.today': 'Today',
    'watch.asOf.error': 'Enter a date as YYYY-MM-DD, not later than today.',
    'watch.level': 'Level',
    'watch.level.pack': 'Pack',
    'watch.level.substance': 'Active substance',
    'watch.factor': 'Reason',
    'watch.factor.all': 'All reasons',
    'watch.atc': 'ATC code starts with',
    'watch.atc.hint': 'e.g. J01',
    'watch.minScore': 'Minimum score',
    'watch.minScore.hint': '0–100',
    'watch.total': '{total} on the list of {date} (score {minScore} or more)',
    'watch.caption': 'Watchlist of {date}, by pack, highest risk first',
    'watch.captionSubstance': 'Watchlist of {date}, by active substance, highest risk first',
    'watch.generatedAt': 'Computed at {moment}.',
    'watch.downloadAll': 'Download the whole list (CSV)',
    'watch.col.rank': 'Rank',
    'watch.col.product': 'Product, pack and authorisation holder',
    'watch.col.substance': 'Active substance',
    'watch.col.score': 'Score',
    'watch.col.cover': 'Cover (weeks)',
    'watch.col.expectedStart': 'Shortage expected from',
    'watch.col.confidence': 'Confidence',
    'watch.col.reasons': 'Reasons',
    'watch.col.packs': 'Packs on the list',
    'watch.packsOnList': '{onList} of {packs}',
    'watch.scoreOf': '{score} of 100',
    'watch.noShortageExpected': 'not within the horizon',
    'watch.reasons.more': '{count} more reasons',
    'watch.reasons.moreOne': '1 more reason',
    'watch.reasons.label': 'Reasons for {pack}',
    'watch.reasons.points': '+{points}',
    'watch.reasons.pointsDescription': '{points} points',
    'watch.empty': 'No packs with these filters on the list of this day.',
    'watch.explain.heading': 'How the score is built',
    'watch.explain.lead':
      'Each reason counts from 0 to 1, times its weight; together at most 100 points. A pack is on the list from the minimum score. The expected shortage is when national stock reaches zero at the current (or recently higher) demand; confidence rises with the number of strong signals and how close that day is.',
    'watch.explain.caption': 'Reasons and their weight in the score',
    'watch.explain.factor': 'Reason',
    'watch.explain.weight': 'Weight (points)',
    'watch.explain.meaning': 'What counts',

    'watch.factor.lowCover': 'Low stock',
    'watch.factor.fallingCover': 'Falling stock',
    'watch.factor.demandSpike': 'Demand spike',
    'watch.factor.notification': 'Shortage notification',
    'watch.factor.shortAbroad': 'Short abroad',
    'watch.factor.competitorShortage': 'Competitor shortage',
    'watch.factor.concentration': 'Concentrated manufacturing',
    'watch.factor.siteFailure': 'Manufacturing site stopped',
    'watch.factor.lowCover.description':
      'National stock at all holders, in weeks of the average demand of the last 8 weeks. Counts fully at 2 weeks or less, not at all above 8 weeks.',
    'watch.factor.fallingCover.description':
      'How much cover fell over the last 4 weeks, as a share of the cover then.',
    'watch.factor.demandSpike.description':
      'Demand of the last 7 days above the average of the last 8 weeks.',
    'watch.factor.notification.description':
      'An open notification by the authorisation holder, heavier as the notification centre rates the risk higher.',
    'watch.factor.shortAbroad.description':
      'The active substance is listed short in a foreign register (e.g. BfArM in Germany).',
    'watch.factor.competitorShortage.description':
      'Another company with the same active substance is nearly out of stock or reported a shortage: demand moves.',
    'watch.factor.concentration.description':
      'How concentrated the manufacturing of the active substance is across countries (HHI).',
    'watch.factor.siteFailure.description':
      'The share of the active substance’s manufacturing sites that has stopped.',

    'watch.reason.lowCover': 'National stock covers {weeks} weeks',
    'watch.reason.lowCover.one': 'National stock covers 1 week',
    'watch.reason.lowCover.none': 'No national stock left',
    'watch.reason.lowCover.unknown': 'National stock is low; cover is unknown',
    'watch.reason.fallingCover': 'Cover fell from {from} to {to} weeks in {days} days',
    'watch.reason.fallingCover.unknown': 'Cover fell over the last {days} days',
    'watch.reason.demandSpike': 'Demand of the last {days} days is {percent} of usual',
    'watch.reason.notification.high': 'Open notification, risk rated high',
    'watch.reason.notification.medium': 'Open notification, risk rated medium',
    'watch.reason.notification.low': 'Open notification, risk rated low',
    'watch.reason.notification.untriaged': 'Open notification, not yet assessed',
    'watch.reason.shortAbroad': 'Active substance is short in {countries}',
    'watch.reason.shortAbroad.unnamed': 'Active substance is short abroad',
    'watch.reason.competitorShortage.one':
      '1 other company is short of the same substance: demand moves here',
    'watch.reason.competitorShortage':
      '{count} other companies are short of the same substance: demand moves here',
    'watch.reason.concentration':
      'Manufacturing of the active substance is concentrated (HHI {hhi})',
    'watch.reason.concentration.unknown': 'Concentration of manufacturing is unknown',
    'watch.reason.siteFailure.onlySite':
      'The only manufacturing site of the active substance has stopped',
    'watch.reason.siteFailure.all':
      'All {sites} manufacturing sites of the active substance have stopped',
    'watch.reason.siteFailure.one':
      '1 of {sites} manufacturing sites of the active substance has stopped',
    'watch.reason.siteFailure.some':
      '{stopped} of {sites} manufacturing sites of the active substance have stopped',

    'scenario.title': 'Scenario: a manufacturing site fails',
    'scenario.heading': 'Scenario: a manufacturing site fails',
    'scenario.lead':
      'What happens when a factory stops? Packs whose active substance comes from this site only run down their national stock; then other companies take over what their spare capacity allows. The rest is demand that is not served.',
    'scenario.form.heading': 'Assumptions',
    'scenario.site': 'Manufacturing site',
    'scenario.site.search': 'Find a site',
    'scenario.site.searchHint': 'name, city or country',
    'scenario.site.option': '{name}, {place} — {sole} packs from here only',
    'scenario.site.optionStopped':
      '{name}, {place} — {sole} packs from here only, stopped since {date}',
    'scenario.site.matches': '{count} sites found',
    'scenario.site.none': 'No site found',
    'scenario.failureDate': 'Failure date',
    'scenario.horizon': 'Horizon (days)',
    'scenario.spareCapacity': 'Spare capacity of alternatives (%)',
    'scenario.spareCapacity.description':
      'Spare capacity: what the other companies can supply on top of their own demand, as a share of that demand.',
    'scenario.apply': 'Run scenario',
    'scenario.error.date': 'Enter a date as YYYY-MM-DD.',
    'scenario.error.horizon': 'Enter a number of days from 7 to 364.',
    'scenario.error.spare': 'Enter a percentage from 0 to 100.',
    'scenario.noSites': 'There are no manufacturing sites with packs on the Dutch market.',
    'scenario.siteLink': 'About this site',
    'scenario.summary':
      '{site} in {place} stops on {date}. Computed over {days} days, with {spare} spare capacity at alternatives.',
    'scenario.figures': 'Key figures',
    'scenario.fig.affected': 'Packs affected',
    'scenario.fig.affectedNote': 'active substance from this site only',
    'scenario.fig.runningOut': 'Run out',
    'scenario.fig.runningOutNote': 'within {days} days',
    'scenario.fig.firstStockOut': 'First stock-out',
    'scenario.fig.firstStockOutNote': '{days} days after the failure',
    'scenario.fig.noStockOut': 'none',
    'scenario.fig.noStockOutNote': 'not within the horizon',
    'scenario.fig.unitsNotServed': 'Units not served',
    'scenario.fig.unitsNotServedNote': 'after alternatives took over',
    'scenario.chart.heading': 'National stock after the failure',
    'scenario.chart.lead':
      'One line per affected pack, from the failure date on. A circle marks the day the stock runs out.',
    'scenario.chart.aria':
      'Line chart of the national stock of {count} packs over {days} days from {date}; {out} run out.',
    'scenario.chart.legend': 'Packs',
    'scenario.chart.shown':
      'The chart shows {shown} of the {count} packs: those that run out first, not those without stock and without demand. The tables show them all.',
    'scenario.chart.yAxis': 'Stock (units)',
    'scenario.chart.xAxis': 'Days after the failure',
    'scenario.chart.stockOut': '{pack}: out after {days} days ({date})',
    'scenario.chart.caption': 'National stock per pack, every {step} days from {date}',
    'scenario.chart.day': 'Day {day}',
    'scenario.table.heading': 'Which products, and when',
    'scenario.table.caption': 'Packs affected when {site} fails on {date}, first to run out first',
    'scenario.col.product': 'Product',
    'scenario.col.pack': 'Pack',
    'scenario.col.mah': 'Authorisation holder',
    'scenario.col.substance': 'Active substance',
    'scenario.col.stockAtFailure': 'Stock at failure',
    'scenario.col.stockOutDate': 'Out from',
    'scenario.col.daysUntil': 'Days until stock-out',
    'scenario.col.unitsNotServed': 'Units not served',
    'scenario.col.takenOver': 'Taken over by alternatives',
    'scenario.noneAffected':
      'No pack on the Dutch market depends on this site alone: other sites supply the same active substance.',
    'scenario.partial':
      '{count} packs also get their active substance from this site, but not only from it; they are not counted here.',
  };
