console.log('hearsay');
