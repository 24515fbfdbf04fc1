import type { Strings } from "./en";

export const ja: Strings = {
  appName: "Webex Scheduler",
  skipToContent: "メイン コンテンツにスキップ",
  connecting: "Microsoft Teams に接続しています…",

  outsideTitle: "このタブは Microsoft Teams で開いてください",
  outsideBody:
    "これは Microsoft Teams 用の Webex Scheduler タブです。Teams で開くか、Teams テナントなしで試すにはサンドボックスのプレイグラウンドを使ってください。",
  outsideHint: "「npm start」を実行してから「npm run playground」を実行すると、ローカルでボットとチャットできます。",

  personalHeading: "あなたの Webex 会議",
  channelHeading: "{channel} の Webex 会議",
  channelHeadingUnnamed: "このチャネルの Webex 会議",
  chatHeading: "このチャットの Webex 会議",
  teamAndChannel: "{team} · {channel}",

  upcomingHeading: "今後の Webex 会議",
  upcomingEmptyTitle: "まだ表示する会議はありません",
  upcomingEmptyBody:
    "このタブの会議一覧は今後のバージョンで提供されます。それまでは、ボットとのチャットで「upcoming」と入力してください。",

  scheduleHeading: "予約",
  schedulePlaceholder:
    "タブからの予約はまだ利用できません。当面はチャットでボットに伝えてください。例:「明日15時から30分、定例会議を予約して」",

  configHeading: "Webex Scheduler をこのチャネルに追加",
  configHeadingChat: "Webex Scheduler をこのチャットに追加",
  configBody:
    "このタブには、ここで予約された Webex 会議が表示されます。今後のバージョンでは新しい会議を予約するフォームも追加されます。[保存] を選んで追加してください。",
  configSaveFailed: "タブの設定を保存できませんでした。もう一度お試しください。",
  tabDisplayName: "Webex 会議",

  accountsHeading: "あなたのアカウント",
  accountsLoading: "アカウントを確認しています…",
  accountsMicrosoft: "Microsoft 365",
  accountsWebex: "Webex",
  accountsMode: "アクセス",
  modeTenant: "組織全体 (管理者がアプリを承認済み)",
  modeIndividual: "あなただけ (アプリをご自身で承認)",
  webexMatched: "{email}",
  webexViaService: "{email} (組織の Webex サービス アカウント経由で予約)",
  webexNotConnected: "まだ接続されていません",
  webexNoAccount: "{addresses} の Webex アカウントがありません。",
  webexDomainNotVerified: "あなたのメール アドレスはどれも、組織が Microsoft 365 で確認済みのドメインにありません。",
  webexAccountDisabled: "あなたの Microsoft 365 アカウントは無効になっています。",
  accountsReady: "準備完了です。Webex 会議を予約できます。",
  nextStepsHeading: "次の手順",
  stepMicrosoftSignIn: "Microsoft でサインイン",
  stepConnectWebex: "Webex に接続",
  stepAdminConsent: "Microsoft 365 の管理者が組織向けにアプリをまだ承認していません。管理者に次の管理者の同意ページを開くよう依頼してください:",
  stepAdminConsentLink: "管理者の同意ページ",
  stepWebexMismatch: "Webex に {connectedAs} として接続していますが、Microsoft 365 のアドレスは {expected} と一致します。",
  stepWebexMismatchButton: "{expected} として Webex に接続",
  stepOther: "設定を続ける",
  stepOpensInNewWindow: "リンクは新しいウィンドウで開きます。完了したらここに戻ってください。",
  accountsRefresh: "もう一度確認",
  accountsSignInTitle: "サインインを確認できませんでした",
  accountsSignInBody: "有効期限が切れた可能性があります。アカウントを表示するには、もう一度サインインしてください。",
  accountsSignInAgain: "もう一度サインイン",
  accountsErrorTitle: "アカウントを読み込めませんでした",
  accountsErrorBody: "接続を確認して、もう一度お試しください。",
  accountsRetry: "再試行",
  disconnect: "切断",
  disconnectTitle: "アカウントを切断しますか?",
  disconnectBody:
    "アプリは Microsoft 365 と Webex のサインイン情報を削除し、カレンダーと Webex の同期を停止します。予約済みの会議はそのまま残ります。いつでも再接続できます。",
  disconnectConfirm: "切断",
  disconnectCancel: "キャンセル",
  disconnecting: "切断しています…",
  disconnectDone: "切断しました。いつでも再接続できます。",
  disconnectFailed: "切断できませんでした。もう一度お試しください。",

  footerVersion: "サービス バージョン {version}",
};
