import type { SettingsCatalog } from '../settings.js';

const it: SettingsCatalog = (h) => ({
  title: 'I tuoi metodi di accesso',
  notSignedIn: 'Accedi per gestire i tuoi metodi di accesso.',
  isSet: 'Impostata',
  totpEnrolled: 'Configurata',
  totpNotEnrolled: 'Non configurata',
  addAnotherTotp: 'Aggiungi un’altra app di autenticazione',
  totpName: 'Nome di questa app',
  rename: 'Rinomina',
  remove: 'Rimuovi',
  removeTotpTitle: (name) => `Rimuovere «${name}»?`,
  removeTotpWarning: (name) => `I codici di «${name}» smetteranno subito di funzionare. Le altre app di autenticazione continuano a funzionare.`,
  addTotp: 'Configura l’app di autenticazione',
  noPhone: 'Nessun numero di telefono',
  smsDisabled: 'Gli SMS sono disattivati per questo account.',
  changePhone: 'Cambia numero di telefono',
  addPhone: 'Aggiungi numero di telefono',
  changePhoneTitle: 'Cambia il numero di telefono',
  addPhoneTitle: 'Aggiungi un numero di telefono',
  newPhoneIntro: 'Inserisci il numero di cellulare da usare d’ora in poi. Invieremo un codice al nuovo numero.',
  noEmail: 'Nessun indirizzo e-mail',
  codesLeft: (n) => h.p(n, { one: '# codice rimasto', other: '# codici rimasti' }),
  fewCodesLeft: (n) =>
    n === 0
      ? 'Nessun codice rimasto: usa «Crea nuovi codici di backup».'
      : h.p(n, {
          one: 'Solo # codice rimasto: usa «Crea nuovi codici di backup».',
          other: 'Solo # codici rimasti: usa «Crea nuovi codici di backup».',
        }),
  newCodes: 'Crea nuovi codici di backup',
  newCodesWarning: 'I nuovi codici sostituiscono tutti quelli attuali: i vecchi smettono subito di funzionare.',
  cancel: 'Annulla',
  totpChanged: 'L’app di autenticazione è stata aggiunta. Le app configurate prima continuano a funzionare.',
  totpUpdated: 'Le app di autenticazione sono aggiornate.',
  phoneChanged: 'Il numero di telefono è stato cambiato.',
  codesChanged: 'I nuovi codici di backup sono pronti. I vecchi non funzionano più.',
  reauthenticate: 'Per la tua sicurezza, accedi di nuovo per cambiare il modo in cui accedi.',
  signInAgain: 'Accedi di nuovo',
  stepUpTitle: 'Conferma che sei tu',
  stepUpIntro: 'Per cambiare il modo in cui accedi, conferma prima con il secondo fattore.',
  stepUpUnavailable: 'Impossibile caricare la conferma. Controlla la connessione e riprova.',
});

export default it;
